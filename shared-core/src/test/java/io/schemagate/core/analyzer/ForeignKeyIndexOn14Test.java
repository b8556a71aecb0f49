package io.schemagate.core.analyzer;

import org.junit.jupiter.api.BeforeAll;

/** {@link ForeignKeyIndexTest}, every case, on embedded PostgreSQL 14: the rules decide from what this server did. */
class ForeignKeyIndexOn14Test extends ForeignKeyIndexTest {
    private static String url;

    @BeforeAll
    static void serverStarts() throws Exception {
        url = EmbeddedServers.require(14);
    }

    @Override
    String devUrl() {
        return url;
    }
}
