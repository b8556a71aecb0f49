package io.schemagate.core.analyzer;

/** {@link LockingAndDataTest}, every case, on embedded PostgreSQL 18: the rules decide from what this server did. */
class LockingAndDataOn18Test extends LockingAndDataTest {
    @Override
    int embeddedMajor() {
        return 18;
    }
}
