package io.schemagate.core.dialect;

import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.DockerUrl;
import io.schemagate.core.devdb.EmbeddedUrl;
import io.schemagate.core.devdb.MysqlUrl;
import io.schemagate.core.devdb.PostgresUrl;
import io.schemagate.core.devdb.SqliteUrl;
import io.schemagate.core.dialect.mysql.MysqlDriver;
import io.schemagate.core.dialect.postgres.PostgresDriver;
import io.schemagate.core.dialect.sqlite.SqliteDriver;

/** Picks the {@link DialectDriver} for a dev database: the URL says which database it is. */
public final class Dialects {
    private static final DialectDriver POSTGRES = new PostgresDriver();
    private static final DialectDriver MYSQL = new MysqlDriver();
    private static final DialectDriver SQLITE = new SqliteDriver();

    private Dialects() {
    }

    public static DialectDriver forUrl(DevUrl url) {
        // Java 17 has no pattern switch yet; DevUrl is sealed, so these are all the cases.
        if (url instanceof PostgresUrl || url instanceof EmbeddedUrl || url instanceof DockerUrl) {
            return POSTGRES;
        }
        if (url instanceof MysqlUrl) {
            return MYSQL;
        }
        if (url instanceof SqliteUrl) {
            return SQLITE;
        }
        throw new IllegalArgumentException("unknown dev URL kind: " + url.getClass().getName());
    }
}
