package io.schemagate.core.analyzer;

/** {@link ObservedLocksTest}, every case, on embedded PostgreSQL 14: the rules decide from what this server did. */
class ObservedLocksOn14Test extends ObservedLocksTest {
    @Override
    int embeddedMajor() {
        return 14;
    }
}
