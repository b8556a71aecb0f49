package io.schemagate.core.analyzer;

/** {@link ForeignKeyIndexTest}, every case, on embedded PostgreSQL 14: the rules decide from what this server did. */
class ForeignKeyIndexOn14Test extends ForeignKeyIndexTest {
    @Override
    int embeddedMajor() {
        return 14;
    }
}
