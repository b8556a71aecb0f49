package io.schemagate.core.dialect;

import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.DockerUrl;
import io.schemagate.core.devdb.EmbeddedMariaDbUrl;
import io.schemagate.core.devdb.EmbeddedUrl;
import io.schemagate.core.devdb.MysqlUrl;
import io.schemagate.core.devdb.PostgresUrl;
import io.schemagate.core.devdb.SqliteUrl;
import io.schemagate.core.dialect.mysql.MysqlDriver;
import io.schemagate.core.dialect.postgres.PostgresDriver;
import io.schemagate.core.dialect.sqlite.SqliteDriver;
import io.schemagate.core.sql.Dialect;

/** Picks the {@link DialectDriver} for a dev database: the URL says which database it is. */
public final class Dialects {
    private static final DialectDriver POSTGRES = new PostgresDriver();
    private static final DialectDriver MYSQL = new MysqlDriver();
    private static final DialectDriver SQLITE = new SqliteDriver();

    private static final String MYSQL_DEFAULT_URL = "embedded://mariadb";

    private Dialects() {
    }

    /**
     * The dev database when {@code --dev-url} is omitted: one that needs no service, no engine and no network — the
     * embedded PostgreSQL, the embedded MariaDB, an in-memory SQLite.
     */
    public static String defaultDevUrl(Dialect dialect) {
        return switch (dialect) {
            case POSTGRES -> DevUrl.DEFAULT_URL;
            case MYSQL -> MYSQL_DEFAULT_URL;
            case SQLITE -> "sqlite://dev?mode=memory";
        };
    }

    public static DialectDriver forUrl(DevUrl url) {
        // Java 17 has no pattern switch yet; DevUrl is sealed, so these are all the cases.
        if (url instanceof DockerUrl docker) {
            return docker.kind() == DockerUrl.Kind.POSTGRES ? POSTGRES : MYSQL;
        }
        if (url instanceof PostgresUrl || url instanceof EmbeddedUrl) {
            return POSTGRES;
        }
        if (url instanceof MysqlUrl || url instanceof EmbeddedMariaDbUrl) {
            return MYSQL;
        }
        if (url instanceof SqliteUrl) {
            return SQLITE;
        }
        throw new IllegalArgumentException("unknown dev URL kind: " + url.getClass().getName());
    }
}
