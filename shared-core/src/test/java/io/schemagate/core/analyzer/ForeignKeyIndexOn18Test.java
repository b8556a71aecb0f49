package io.schemagate.core.analyzer;

import org.junit.jupiter.api.BeforeAll;

/** {@link ForeignKeyIndexTest}, every case, on embedded PostgreSQL 18: the rules decide from what this server did. */
class ForeignKeyIndexOn18Test extends ForeignKeyIndexTest {
    private static String url;

    @BeforeAll
    static void serverStarts() throws Exception {
        url = EmbeddedServers.require(18);
    }

    @Override
    String devUrl() {
        return url;
    }
}
