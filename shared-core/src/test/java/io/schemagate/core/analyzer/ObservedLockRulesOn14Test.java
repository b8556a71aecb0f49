package io.schemagate.core.analyzer;

/** {@link ObservedLockRulesTest}, every case, on embedded PostgreSQL 14: the rules decide from what this server did. */
class ObservedLockRulesOn14Test extends ObservedLockRulesTest {
    @Override
    int embeddedMajor() {
        return 14;
    }
}
