package io.schemagate.core.analyzer;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.lint.LintRequest;
import io.schemagate.core.lint.MigrateLint;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.FailOn;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.policy.RuleSetting;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lints one new file on top of a fixed base schema on the local PostgreSQL service, the way users run
 * {@code migrate lint --latest 1}, and returns the analyzers' findings (DI findings left out).
 */
final class AnalyzerHarness {
    static final String BASE = """
            CREATE SCHEMA billing;
            CREATE TABLE billing.invoices (id bigint PRIMARY KEY);
            CREATE TABLE users (id bigint PRIMARY KEY, name text, legacy int, legacy2 int, drop_me int, code varchar(10));
            CREATE INDEX users_legacy ON users (legacy);
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint CONSTRAINT orders_user_fk REFERENCES users (id));
            CREATE TABLE drop_old_audit (id bigint);
            CREATE TYPE mood AS ENUM ('sad', 'ok');
            CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, feeling mood);
            CREATE MATERIALIZED VIEW report_one AS SELECT 1 AS one;
            CREATE DOMAIN points AS int;
            CREATE TABLE scores (id bigint PRIMARY KEY, earned points);
            CREATE TABLE visits (id bigint PRIMARY KEY, at timestamp);
            CREATE INDEX visits_at ON visits (at);
            """;

    static final String SERVICE = "postgres://postgres@127.0.0.1:5432/postgres";

    private final Path root;
    private final String base;
    private final String devUrl;

    AnalyzerHarness(Path root) {
        this(root, BASE, SERVICE);
    }

    private AnalyzerHarness(Path root, String base, String devUrl) {
        this.root = root;
        this.base = base;
        this.devUrl = devUrl;
    }

    /** A harness whose base file also runs {@code more} at its end. */
    AnalyzerHarness withBase(String more) {
        return new AnalyzerHarness(root, base + more, devUrl);
    }

    /** The same harness on another dev database, e.g. {@code embedded://postgres/14}. */
    AnalyzerHarness on(String otherDevUrl) {
        return new AnalyzerHarness(root, base, otherDevUrl);
    }

    static void requireService() {
        LocalPostgres.require();
    }

    /** {@code CODE line:col message} per finding. */
    List<String> findings(String newFile) throws Exception {
        return findings(Policy.DEFAULTS, newFile);
    }

    List<String> findings(Policy policy, String newFile) throws Exception {
        return lint(policy, newFile).stream()
                .map(d -> d.code() + " " + d.position().line() + ":" + d.position().column() + " " + d.message())
                .toList();
    }

    /** Just the codes and lines, for rules whose exact wording other tests pin down. */
    List<String> codes(String newFile) throws Exception {
        return codes(Policy.DEFAULTS, newFile);
    }

    List<String> codes(Policy policy, String newFile) throws Exception {
        return lint(policy, newFile).stream().map(d -> d.code() + " " + d.position().line()).toList();
    }

    List<Diagnostic> lint(Policy policy, String newFile) throws Exception {
        return lintAll(policy, newFile).stream().filter(d -> !d.code().startsWith("DI")).toList();
    }

    /** Every finding, directory rules included. */
    List<Diagnostic> lintAll(Policy policy, String newFile) throws Exception {
        return report(policy, newFile).diagnostics();
    }

    /** The whole report of the base file and {@code newFile} (2_new.sql). */
    LintReport report(Policy policy, String newFile) throws Exception {
        policy = quietLockTimeouts(policy);
        Path path = Files.createTempDirectory(root, "migrations");
        Files.writeString(path.resolve("1_base.sql"), base);
        Files.writeString(path.resolve("2_new.sql"), newFile);
        MigrationDir dir = new MigrationDir(path, "m");
        DirectoryHasher.hash(dir, new AtlasFormat());
        return MigrateLint.run(new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1),
                        DevUrl.parse(devUrl), DevSettings.defaults(), policy, Map.of()));
    }

    /**
     * Rules that would join almost every finding list of a multi-statement file: PG508 and PG509 (infos), PG511 (an
     * info on a table altered twice), and the rules on observed locks and foreign-key indexes. Tests of other rules leave them out unless their policy says something
     * about them.
     */
    private static final List<String> QUIET = List.of("PG508", "PG509", "PG510", "PG511", "PG513", "PG518");

    private static Policy quietLockTimeouts(Policy policy) {
        Map<String, RuleSetting> rules = new HashMap<>(policy.rules());
        for (String code : QUIET) {
            rules.putIfAbsent(code, new RuleSetting(Severity.OFF, Map.of()));
        }
        return new Policy(policy.source(), policy.failOn(), policy.requireReason(), rules);
    }

    static Policy policy(String code, Map<String, Object> options) {
        return new Policy("test", FailOn.ERROR, false, Map.of(code, new RuleSetting(null, options)));
    }
}
