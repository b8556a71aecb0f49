package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.migrate.MigrationScript;
import io.schemagate.core.replay.Failure;
import java.util.List;

/**
 * Names a replay failure. Most are DI509 with the database's message; a statement PostgreSQL refuses to run inside
 * a transaction is PG103 (CONCURRENTLY) or TX503 (VACUUM, CREATE DATABASE, …) with the header that fixes it — read
 * from the SQLSTATE the dev database gave, not guessed from the text.
 */
public final class ReplayFailures {
    private static final String HEADER = "-- atlas:txmode none\n\n";

    private ReplayFailures() {
    }

    public static Diagnostic of(MigrationScript script, Failure failure) {
        String file = script.file().displayPath();
        // By SQLSTATE, never by message text: a migration can raise any message it likes (RAISE EXCEPTION).
        if (Failure.IN_TRANSACTION.equals(failure.sqlState())) {
            boolean concurrently = Pass.says(failure.statement(), "CONCURRENTLY");
            Rule rule = concurrently ? Rule.PG103 : Rule.TX503;
            String firstLine = script.source().line(1);
            Fix fix = new Fix("Run the file outside a transaction: start it with \"-- atlas:txmode none\" and a blank line"
                    + " (or the format's own marker), keep this statement alone in it, and re-hash the directory.",
                    new Fix.TextEdit(1, 1, HEADER + firstLine + "\n"));
            return new Diagnostic(rule.code(), rule.defaultSeverity(), file, failure.statement().position(),
                    failure.message() + ", but the file runs in one", List.of(fix));
        }
        if (Failure.NEW_ENUM_VALUE.equals(failure.sqlState())) {
            return new Diagnostic(Rule.TX503.code(), Rule.TX503.defaultSeverity(), file, failure.position(),
                    failure.message() + ": a value added by ALTER TYPE … ADD VALUE cannot be used before that transaction"
                            + " commits", List.of(new Fix("Use the new value in a later migration file.", null)));
        }
        return Rule.DI509.at(file, failure.position(), failure.explained());
    }

    /** A failure the dialect knows as one of its own rules ({@code rule}), with SQLite's reason in the message. */
    public static Diagnostic of(MigrationScript script, Failure failure, Rule rule) {
        return new Diagnostic(rule.code(), rule.defaultSeverity(), script.file().displayPath(), failure.position(),
                failure.explained() + " (SQLite refuses this ALTER: rebuild the table instead)",
                List.of(new Fix("Rebuild the table: create the new table, copy the rows, drop the old one and rename"
                        + " the new one, with PRAGMA foreign_keys = OFF around it in a -- atlas:txmode none file.", null)));
    }
}
