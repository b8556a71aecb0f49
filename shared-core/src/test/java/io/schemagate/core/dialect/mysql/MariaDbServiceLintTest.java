package io.schemagate.core.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.report.LintReport;
import io.schemagate.core.testing.LocalMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The MySQL rules on the local MariaDB service (127.0.0.1:3306), in a scratch database. */
class MariaDbServiceLintTest extends MysqlRulesContract {
    @Override
    String devUrl() {
        LocalMariaDb.require();
        return LocalMariaDb.URL;
    }

    @Test
    void theScratchDatabaseAndItsUserAreGoneAfterwards() throws Exception {
        LintReport report = lint.report(WAIT + "CREATE TABLE a (id int);");
        Matcher name = Pattern.compile("scratch database (sg_dev_\\w+) on ").matcher(report.devDatabase());
        assertTrue(name.find(), report.devDatabase());
        assertEquals(0, count("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?", name.group(1)));
        assertEquals(0, count("SELECT count(*) FROM mysql.user WHERE user = ?", name.group(1)));
    }

    private static int count(String query, String name) throws Exception {
        try (Connection c = LocalMariaDb.admin(); PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
