package io.schemagate.core.dialect.mysql;

import io.schemagate.core.replay.Observation;
import io.schemagate.core.replay.StatementProbe;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.sql.Statement;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the dev server how it would run an ALTER TABLE of a table that existed before the file: the same ALTER is tried
 * on an empty copy of the table ({@code CREATE TABLE … LIKE}) with {@code ALGORITHM=INSTANT}, then (MariaDB)
 * {@code NOCOPY}, then {@code INPLACE}; the first the server accepts is what it would do, and its refusals say why
 * the cheaper ones cannot. The copy is dropped again before the real statement runs. ALTERs that name their own
 * algorithm (MY502 reads those), rename the table, or touch partitions are left alone. A table rename is any RENAME
 * not followed by COLUMN, INDEX or KEY: MySQL's TO/AS is optional, and a renamed copy would be left behind under the
 * name the real statement then finds taken.
 */
final class AlgorithmProbe implements StatementProbe {
    private static final Pattern ALTER = Pattern.compile(
            "(?is)^\\s*ALTER\\s+(?:ONLINE\\s+)?(?:IGNORE\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)(\\s.*)$");
    private static final Pattern SKIP = Pattern.compile(
            "(?is).*\\b(ALGORITHM|RENAME(?!\\s+(COLUMN|INDEX|KEY)\\b)|PARTITION|PARTITIONS|DISCARD|IMPORT|ORDER\\s+BY|WAIT|NOWAIT)\\b.*");
    private static final Pattern TRAILING = Pattern.compile("(?s)[\\s;]+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MysqlServer server;

    AlgorithmProbe(MysqlServer server) {
        this.server = server;
    }

    @Override
    public List<Observation> before(Connection connection, Statement statement, Catalog before) throws SQLException {
        Matcher alter = ALTER.matcher(statement.text());
        if (!alter.matches() || SKIP.matcher(alter.group(2)).matches()) {
            return List.of();
        }
        String table = unquote(alter.group(1));
        if (before.table(MysqlInspector.OWN_SCHEMA, table).isEmpty()) {
            return List.of();
        }
        String rest = TRAILING.matcher(alter.group(2)).replaceAll("");
        String copy = "sg_probe_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        try (java.sql.Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute("CREATE TABLE `" + copy + "` LIKE `" + table.replace("`", "``") + "`");
            try {
                return probe(s, copy, table, rest).map(List::<Observation>of).orElse(List.of());
            } finally {
                s.execute("DROP TABLE IF EXISTS `" + copy + "`");
            }
        } catch (SQLException e) {
            return List.of(); // the copy could not be made (e.g. a foreign key the copy lacks): nothing to say
        }
    }

    private Optional<Observation.Algorithm> probe(java.sql.Statement s, String copy, String table, String rest) {
        List<String> algorithms = server.mariadb() ? List.of("INSTANT", "NOCOPY", "INPLACE") : List.of("INSTANT", "INPLACE");
        StringBuilder refusals = new StringBuilder();
        for (String algorithm : algorithms) {
            try {
                // A newline first, so a trailing -- comment in the statement cannot swallow the clause.
                s.execute("ALTER TABLE `" + copy + "`" + rest + "\n, ALGORITHM=" + algorithm);
                boolean rebuild = algorithm.equals("INPLACE") && server.mariadb();
                return Optional.of(new Observation.Algorithm(table, algorithm, refusals.toString(), rebuild));
            } catch (SQLException refused) {
                if (!refusedAlgorithm(refused)) {
                    return Optional.empty(); // the ALTER itself fails on the copy: the probe knows nothing
                }
                if (refusals.isEmpty()) {
                    refusals.append(reason(refused, copy, table));
                }
            }
        }
        return Optional.of(new Observation.Algorithm(table, "COPY", refusals.toString(), true));
    }

    /** ER_ALTER_OPERATION_NOT_SUPPORTED (1845) and ..._REASON (1846): the algorithm, not the ALTER, was refused. */
    private static boolean refusedAlgorithm(SQLException e) {
        return e.getErrorCode() == 1845 || e.getErrorCode() == 1846;
    }

    private static String reason(SQLException e, String copy, String table) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("^\\(conn=\\d+\\) ", "");
        return message.replace(copy, table).strip();
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }
}
