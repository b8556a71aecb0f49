package io.schemagate.core.dialect.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The session settings the inspector's queries need, set around each inspection and put back afterwards. The
 * inspector shares the replay session, whose settings the migration may have changed: {@code sql_select_limit} would
 * cut catalog queries short (changes vanish, or appear where there are none), {@code sql_mode=ORACLE} makes words
 * they use reserved, {@code max_join_size},
 * {@code max_session_mem_used} or a tiny {@code max_statement_time} would make them fail. The migration's own values
 * are kept in {@code @sg_inspect_*} user variables and restored, so the statements after it run as written.
 */
final class InspectionSession implements AutoCloseable {
    private static final String COMMON_SAVE = "SET @sg_inspect_select_limit = @@SESSION.sql_select_limit,"
            + " @sg_inspect_join_size = @@SESSION.max_join_size, @sg_inspect_big_selects = @@SESSION.sql_big_selects,"
            + " @sg_inspect_concat_len = @@SESSION.group_concat_max_len, @sg_inspect_sql_mode = @@SESSION.sql_mode";
    private static final String COMMON_SET = "SET SESSION sql_select_limit = 18446744073709551615,"
            + " sql_big_selects = 1, group_concat_max_len = 1048576, sql_mode = ''";
    // max_join_size first: setting it resets sql_big_selects.
    private static final String COMMON_RESTORE = "SET SESSION sql_select_limit = @sg_inspect_select_limit,"
            + " max_join_size = @sg_inspect_join_size, sql_big_selects = @sg_inspect_big_selects,"
            + " group_concat_max_len = @sg_inspect_concat_len, sql_mode = @sg_inspect_sql_mode";
    private static final String MARIADB_SAVE = "SET @sg_inspect_statement_time = @@SESSION.max_statement_time,"
            + " @sg_inspect_mem_used = @@SESSION.max_session_mem_used";
    private static final String MARIADB_SET = "SET SESSION max_statement_time = 0,"
            + " max_session_mem_used = 9223372036854775807";
    private static final String MARIADB_RESTORE = "SET SESSION max_statement_time = @sg_inspect_statement_time,"
            + " max_session_mem_used = @sg_inspect_mem_used";
    private static final String MYSQL_SAVE = "SET @sg_inspect_execution_time = @@SESSION.max_execution_time";
    private static final String MYSQL_SET = "SET SESSION max_execution_time = 0";
    private static final String MYSQL_RESTORE = "SET SESSION max_execution_time = @sg_inspect_execution_time";

    private final Connection connection;
    private final boolean mariadb;

    private InspectionSession(Connection connection, boolean mariadb) {
        this.connection = connection;
        this.mariadb = mariadb;
    }

    /** Saves the migration's settings and sets the inspector's; {@link #close()} puts them back. */
    static InspectionSession open(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(COMMON_SAVE);
            boolean mariadb;
            try {
                s.execute(MARIADB_SAVE);
                mariadb = true;
            } catch (SQLException unknownVariable) {
                s.execute(MYSQL_SAVE);
                mariadb = false;
            }
            s.execute(COMMON_SET);
            s.execute(mariadb ? MARIADB_SET : MYSQL_SET);
            return new InspectionSession(connection, mariadb);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(COMMON_RESTORE);
            s.execute(mariadb ? MARIADB_RESTORE : MYSQL_RESTORE);
        }
    }
}
