package io.schemagate.core.analyzer;

/** {@link ForeignKeyIndexTest}, every case, on embedded PostgreSQL 18: the rules decide from what this server did. */
class ForeignKeyIndexOn18Test extends ForeignKeyIndexTest {
    @Override
    int embeddedMajor() {
        return 18;
    }
}
