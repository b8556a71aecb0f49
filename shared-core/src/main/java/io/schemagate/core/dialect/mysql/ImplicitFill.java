package io.schemagate.core.dialect.mysql;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.SchemaChange;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * MY101 and MySQL's MF103: a NOT NULL column without DEFAULT added to a table that may hold rows. MySQL and MariaDB
 * fill the existing rows with an implicit value the application never wrote (0, '', the first ENUM member); MySQL
 * refuses DATE, DATETIME and spatial columns instead, which fails on production rows (rules.md §3.4).
 */
final class ImplicitFill implements Analyzer {
    private static final Pattern DATE_OR_SPATIAL = Pattern.compile("^(date|datetime|geometry|point|linestring|polygon"
            + "|multipoint|multilinestring|multipolygon|geometrycollection|geomcollection)\\b");
    private static final Pattern TEXT_OR_JSON = Pattern.compile("^(tinytext|text|mediumtext|longtext|json"
            + "|tinyblob|blob|mediumblob|longblob)\\b");

    private final MysqlServer server;

    ImplicitFill(MysqlServer server) {
        this.server = server;
    }

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            for (SchemaChange change : runs.get(i).changes()) {
                if (change instanceof SchemaChange.AddColumn a && pass.preExisting(a.table(), i) && a.column().notNull()
                        && a.column().defaultExpression() == null && a.column().identity() == Column.Identity.NONE
                        && a.column().generated() == Column.Generated.NONE) {
                    report(pass, runs.get(i), a);
                }
            }
        }
    }

    private void report(Pass pass, StatementRun run, SchemaChange.AddColumn a) {
        String type = a.column().type().toLowerCase(Locale.ROOT);
        String column = a.table().member(a.column().name());
        if (!server.mariadb() && DATE_OR_SPATIAL.matcher(type).find()) {
            pass.report(Rule.MF103, run.statement(), "column " + column + " (" + type + ") is added NOT NULL without a"
                            + " default: MySQL fails if " + a.table() + " has rows",
                    new Fix("Give it a DEFAULT, or add it nullable, backfill it, then make it NOT NULL.", null));
            return;
        }
        if (!server.mariadb() && TEXT_OR_JSON.matcher(type).find()) {
            return; // MySQL fills nothing it could not have: these cannot have a literal default at all before 8.0.13
        }
        pass.report(Rule.MY101, run.statement(), "column " + column + " (" + type + ") is added NOT NULL without a"
                        + " default: existing rows of " + a.table() + " get " + fill(type) + ", a value no one wrote",
                new Fix("Say what existing rows should hold: add an explicit DEFAULT.", null));
    }

    /** The value InnoDB gives existing rows (rules.md §3.4). */
    private String fill(String type) {
        if (type.startsWith("enum(")) {
            int end = type.indexOf('\'', 6);
            return end > 6 ? "the first member " + type.substring(5, end + 1) : "the first member";
        }
        if (type.startsWith("char") || type.startsWith("varchar") || type.startsWith("set(") || TEXT_OR_JSON.matcher(type).find()
                || type.startsWith("binary") || type.startsWith("varbinary")) {
            return "''";
        }
        if (type.startsWith("year")) {
            return "0000";
        }
        if (type.startsWith("time") && !type.startsWith("timestamp")) {
            return "'00:00:00'";
        }
        if (type.startsWith("timestamp")) {
            return "CURRENT_TIMESTAMP or '0000-00-00 00:00:00'";
        }
        if (DATE_OR_SPATIAL.matcher(type).find()) {
            return "'0000-00-00' (or an empty geometry)";
        }
        return "0";
    }
}
