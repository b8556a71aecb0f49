package io.schemagate.core.analyzer;

/** {@link ObservedLocksTest}, every case, on embedded PostgreSQL 18: the rules decide from what this server did. */
class ObservedLocksOn18Test extends ObservedLocksTest {
    @Override
    int embeddedMajor() {
        return 18;
    }
}
