package io.schemagate.core.analyzer;

/** {@link ObservedLockRulesTest}, every case, on embedded PostgreSQL 18: the rules decide from what this server did. */
class ObservedLockRulesOn18Test extends ObservedLockRulesTest {
    @Override
    int embeddedMajor() {
        return 18;
    }
}
