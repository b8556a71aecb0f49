package io.schemagate.core.diagnostic;

import io.schemagate.core.text.Position;

/**
 * The rules known so far, with their catalog code, name and default severity (rules.md §2).
 * Analyzer rules join this list as they are implemented.
 */
public enum Rule {
    DI501("sum-missing", Severity.ERROR),
    DI502("sum-invalid", Severity.ERROR),
    DI503("file-edited", Severity.ERROR),
    DI504("file-removed", Severity.ERROR),
    DI505("sum-outdated", Severity.ERROR),
    DI506("non-linear", Severity.ERROR),
    DI507("duplicate-version", Severity.ERROR),
    DI508("bad-file-name", Severity.WARNING),
    DI509("statement-failed", Severity.ERROR),
    DI510("base-replay-failed", Severity.ERROR),
    DI511("bad-directive", Severity.ERROR),
    DI512("suppression-hygiene", Severity.WARNING),
    DI513("empty-migration", Severity.WARNING),
    /** Ours: a file that cannot be read, is not UTF-8, or does not lex (unterminated quote, comment, block). */
    DI515("unreadable-file", Severity.ERROR),
    /** Ours: a migration made a database, role or tablespace outside its dev database (only possible with privileges). */
    DI516("outside-dev-database", Severity.ERROR),
    /** Ours: a migration lifts its statement or lock timeout; schemagate's limit still applies on the dev database. */
    DI517("timeout-lifted", Severity.INFO),
    /** Ours: the directory's end state differs from the desired schema given with --to (a drift check). */
    DI518("schema-drift", Severity.ERROR),
    DS101("drop-schema", Severity.ERROR),
    DS102("drop-table", Severity.ERROR),
    DS103("drop-column", Severity.ERROR),
    DS501("truncate", Severity.ERROR),
    DS502("truncate-cascade", Severity.ERROR),
    BC101("rename-table", Severity.WARNING),
    BC102("rename-column", Severity.WARNING),
    BC501("rename-schema", Severity.WARNING),
    BC502("rename-enum-value", Severity.WARNING),
    BC503("drop-not-null", Severity.INFO),
    CD101("drop-foreign-key", Severity.WARNING),
    MF101("unique-on-existing-data", Severity.WARNING),
    MF103("add-not-null-column", Severity.WARNING),
    MF104("set-not-null", Severity.WARNING),
    MY101("implicit-fill", Severity.WARNING),
    MY102("inline-references", Severity.WARNING),
    MY110("enum-change", Severity.WARNING),
    MY111("enum-change", Severity.WARNING),
    MY112("enum-change", Severity.WARNING),
    MY113("enum-change", Severity.WARNING),
    MY120("set-change", Severity.WARNING),
    MY121("set-change", Severity.WARNING),
    MY122("set-change", Severity.WARNING),
    MY123("set-change", Severity.WARNING),
    MY501("copy-only-alter", Severity.WARNING),
    MY502("explicit-copy-or-lock", Severity.WARNING),
    MY503("inplace-rebuild", Severity.INFO),
    MY504("expression-default", Severity.WARNING),
    MY505("add-auto-increment", Severity.WARNING),
    MY506("add-foreign-key", Severity.WARNING),
    MY507("add-check", Severity.WARNING),
    MY508("not-null-non-strict", Severity.WARNING),
    MY509("non-innodb", Severity.WARNING),
    MY510("osc-ineligible", Severity.INFO),
    MY511("multi-ddl-file", Severity.WARNING),
    MY512("missing-lock-wait-timeout", Severity.INFO),
    MY513("instant-fallback", Severity.INFO),
    LT101("sqlite-set-not-null", Severity.WARNING),
    LT501("add-column-rejected", Severity.ERROR),
    LT502("unsafe-rebuild", Severity.WARNING),
    LT503("drop-column-rejected", Severity.ERROR),
    PG101("create-index-blocking", Severity.WARNING),
    PG103("concurrently-in-tx", Severity.ERROR),
    PG102("drop-index-blocking", Severity.WARNING),
    PG104("add-pk-blocking", Severity.WARNING),
    PG105("add-unique-blocking", Severity.WARNING),
    PG301("type-change-rewrite", Severity.WARNING),
    PG302("volatile-default", Severity.WARNING),
    PG303("set-not-null-scan", Severity.WARNING),
    PG304("pk-nullable-columns", Severity.WARNING),
    PG305("check-not-valid", Severity.WARNING),
    PG306("fk-not-valid", Severity.WARNING),
    PG309("stored-generated", Severity.WARNING),
    PG310("identity-or-serial", Severity.WARNING),
    PG501("validate-same-tx", Severity.WARNING),
    PG502("exclusion-constraint", Severity.WARNING),
    PG503("reindex-blocking", Severity.WARNING),
    PG504("detach-blocking", Severity.WARNING),
    PG506("full-rewrite-maintenance", Severity.WARNING),
    PG507("refresh-blocking", Severity.INFO),
    PG508("missing-lock-timeout", Severity.INFO),
    PG509("missing-statement-timeout", Severity.INFO),
    PG510("long-exclusive-lock", Severity.WARNING),
    PG511("merge-alters", Severity.INFO),
    PG512("lock-table", Severity.WARNING),
    PG513("fk-without-index", Severity.WARNING),
    PG515("observed-rewrite", Severity.WARNING),
    PG516("set-tablespace", Severity.WARNING),
    PG517("domain-check", Severity.WARNING),
    /** Ours: a statement locks an existing table it does not change (a new foreign key's referenced table). */
    PG518("lock-on-other-table", Severity.WARNING),
    TX502("uncommitted", Severity.ERROR),
    TX503("non-transactional-stmt", Severity.ERROR);

    private final String title;
    private final Severity defaultSeverity;

    Rule(String title, Severity defaultSeverity) {
        this.title = title;
        this.defaultSeverity = defaultSeverity;
    }

    public String code() {
        return name();
    }

    public String title() {
        return title;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public Diagnostic at(String file, Position position, String message) {
        return new Diagnostic(code(), defaultSeverity, file, position, message);
    }

    public Diagnostic at(String file, Position position, Severity severity, String message) {
        return new Diagnostic(code(), severity, file, position, message);
    }
}
