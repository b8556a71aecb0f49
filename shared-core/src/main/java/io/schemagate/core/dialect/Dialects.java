package io.schemagate.core.dialect;

import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.DockerUrl;
import io.schemagate.core.devdb.EmbeddedUrl;
import io.schemagate.core.devdb.PostgresUrl;
import io.schemagate.core.dialect.postgres.PostgresDriver;

/** Picks the {@link DialectDriver} for a dev database: the URL says which database it is. */
public final class Dialects {
    private static final DialectDriver POSTGRES = new PostgresDriver();

    private Dialects() {
    }

    public static DialectDriver forUrl(DevUrl url) {
        // Java 17 has no pattern switch yet; DevUrl is sealed, so these are all the cases.
        if (url instanceof PostgresUrl || url instanceof EmbeddedUrl || url instanceof DockerUrl) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("unknown dev URL kind: " + url.getClass().getName());
    }
}
