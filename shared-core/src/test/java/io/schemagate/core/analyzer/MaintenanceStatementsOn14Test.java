package io.schemagate.core.analyzer;

/** {@link MaintenanceStatementsTest}, every case, on embedded PostgreSQL 14: the rules decide from what this server did. */
class MaintenanceStatementsOn14Test extends MaintenanceStatementsTest {
    @Override
    int embeddedMajor() {
        return 14;
    }
}
