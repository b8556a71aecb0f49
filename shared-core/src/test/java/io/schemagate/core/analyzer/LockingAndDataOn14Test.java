package io.schemagate.core.analyzer;

/** {@link LockingAndDataTest}, every case, on embedded PostgreSQL 14: the rules decide from what this server did. */
class LockingAndDataOn14Test extends LockingAndDataTest {
    @Override
    int embeddedMajor() {
        return 14;
    }
}
