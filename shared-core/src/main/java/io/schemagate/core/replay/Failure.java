package io.schemagate.core.replay;

import io.schemagate.core.sql.Statement;
import io.schemagate.core.text.Position;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A statement the dev database refused.
 *
 * @param statement the statement
 * @param position  where: the statement's start, refined by the server's error position when it reports one
 * @param message   the database's message, e.g. {@code relation "users" does not exist}
 * @param sqlState  the database's SQLSTATE for it ({@code 25001}, …), empty when it gave none
 * @param applied   statements of the same file that ran before it and stayed applied: those of a non-transactional
 *                  section, and on databases without transactional DDL (MySQL, MariaDB) every DDL statement and
 *                  what it committed. A rerun of the file must skip them
 */
public record Failure(Statement statement, Position position, String message, String sqlState,
                      List<Statement> applied) {
    /** PostgreSQL's active_sql_transaction: the statement cannot run inside a transaction block. */
    public static final String IN_TRANSACTION = "25001";
    /** PostgreSQL's unsafe_new_enum_value_usage: an enum value added in this transaction is used in it. */
    public static final String NEW_ENUM_VALUE = "55P04";

    public Failure {
        applied = List.copyOf(applied);
    }

    /** A failure that left nothing of its file applied. */
    public Failure(Statement statement, Position position, String message, String sqlState) {
        this(statement, position, message, sqlState, List.of());
    }

    public Failure withApplied(List<Statement> statements) {
        return new Failure(statement, position, message, sqlState, statements);
    }

    /**
     * The database's message, and when part of the file stayed applied, which lines a rerun must skip:
     * {@code …; 2 statements before it stayed applied (lines 1, 4): a rerun of the file must skip them}.
     */
    public String explained() {
        if (applied.isEmpty()) {
            return message;
        }
        String lines = applied.stream().map(s -> String.valueOf(s.position().line())).collect(Collectors.joining(", "));
        return message + "; " + applied.size() + (applied.size() == 1 ? " statement" : " statements")
                + " before it stayed applied (line" + (applied.size() == 1 ? " " : "s ") + lines
                + "): a rerun of the file must skip " + (applied.size() == 1 ? "it" : "them");
    }
}
