package io.schemagate.core.analyzer;

/** {@link MaintenanceStatementsTest}, every case, on embedded PostgreSQL 18: the rules decide from what this server did. */
class MaintenanceStatementsOn18Test extends MaintenanceStatementsTest {
    @Override
    int embeddedMajor() {
        return 18;
    }
}
