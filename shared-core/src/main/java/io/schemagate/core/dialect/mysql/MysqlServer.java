package io.schemagate.core.dialect.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which server a MySQL-protocol dev database runs: MariaDB and MySQL differ in timeouts, defaults in the catalog,
 * online DDL and what inline {@code REFERENCES} does.
 *
 * @param mariadb true for MariaDB, false for MySQL
 * @param version e.g. {@code 11.4.5}, {@code 8.0.36}
 */
public record MysqlServer(boolean mariadb, String version, int major, int minor) {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(\\.\\d+)?");

    static MysqlServer of(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return parse(rs.getString(1));
        }
    }

    /** {@code 11.4.5-MariaDB-log}, {@code 5.5.5-10.11.6-MariaDB-0+deb12u1}, {@code 8.0.36}. */
    static MysqlServer parse(String versionText) {
        boolean mariadb = versionText.contains("MariaDB");
        String text = versionText.startsWith("5.5.5-") && mariadb ? versionText.substring(6) : versionText;
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            return new MysqlServer(mariadb, text, 0, 0);
        }
        return new MysqlServer(mariadb, m.group(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public String product() {
        return mariadb ? "MariaDB" : "MySQL";
    }

    /** The session setting that stops a statement running longer than {@code limit}. */
    String statementTimeout(Duration limit) {
        if (mariadb) {
            return "SET SESSION max_statement_time = " + limit.toMillis() / 1000.0;
        }
        // MySQL stops only SELECTs this way; the driver's socket timeout ends any other statement's session.
        return "SET SESSION max_execution_time = " + limit.toMillis();
    }

    /** At least {@code major.minor}. */
    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || major == wantedMajor && minor >= wantedMinor;
    }
}
