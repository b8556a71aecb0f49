package io.schemagate.core.dialect.mysql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SQL that {@code mariadbd --bootstrap} reads to make a new data directory usable, in place of
 * mariadb-install-db (a shell script with more tools and defaults than a throw-away server needs): the system tables
 * from the binaries' own SQL files, and one account, {@code root@127.0.0.1} with the run's password. No
 * {@code root@localhost} and no passwordless or socket login: the server is reached over loopback TCP only.
 */
final class MariaDbBootstrap {

    static final String USER = "root";
    static final String HOST = "127.0.0.1";

    private MariaDbBootstrap() {
    }

    /** The bootstrap script for {@code installation}; it holds the password only as its mysql_native_password hash. */
    static String script(Path installation, String password) throws IOException {
        StringBuilder sql = new StringBuilder("CREATE DATABASE mysql;\nUSE mysql;\n");
        for (String file : MariaDbBinaries.SYSTEM_TABLES_SQL) {
            sql.append(Files.readString(installation.resolve(file), StandardCharsets.UTF_8)).append('\n');
        }
        // All privileges (the same bit mask mariadb-install-db grants root), authenticated by the password's hash.
        sql.append("INSERT INTO global_priv (Host, User, Priv) VALUES ('").append(HOST).append("', '").append(USER)
                .append("', '{\"access\":18446744073709551615,\"plugin\":\"mysql_native_password\",\"authentication_string\":\"")
                .append(nativePasswordHash(password)).append("\"}');\n");
        return sql.toString();
    }

    /** mysql_native_password's stored form: {@code *} and the upper-case hex of SHA1(SHA1(password)). */
    static String nativePasswordHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().formatHex(sha1.digest(once)).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
