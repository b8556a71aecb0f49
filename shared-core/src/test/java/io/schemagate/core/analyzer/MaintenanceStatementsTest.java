package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PG503, PG504, PG506, PG507, PG512, PG516 on the local PostgreSQL: the bad case, the good case, the exemption. */
class MaintenanceStatementsTest extends AnalyzerCase {
    private static final String NO_TRANSACTION = "-- atlas:txmode none\n\n";

    @Test
    void reindex() throws Exception {
        assertEquals(List.of("PG503 1"), codes("PG503", "REINDEX TABLE users;\n"));
        assertEquals(List.of(), codes("PG503", NO_TRANSACTION + "REINDEX TABLE CONCURRENTLY users;\n"));
    }

    @Test
    void detachPartition() throws Exception {
        String parts = "CREATE TABLE ev (at date) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE ev1 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n";
        assertEquals(List.of("PG504 3"), codes("PG504", parts + "ALTER TABLE ev DETACH PARTITION ev1;\n"));
        assertEquals(List.of(), codes("PG504", parts + "COMMIT;\nALTER TABLE ev DETACH PARTITION ev1 CONCURRENTLY;\n")
                .stream().filter(c -> c.startsWith("PG504")).toList());
    }

    @Test
    void vacuumFullAndCluster() throws Exception {
        assertEquals(List.of("PG506 1"), codes("PG506", "CLUSTER users USING users_pkey;\n"));
        assertEquals(List.of("PG506 3"), codes("PG506", NO_TRANSACTION + "VACUUM (FULL, ANALYZE) users;\n"));
        assertEquals(List.of(), codes("PG506", NO_TRANSACTION + "VACUUM ANALYZE users;\n"));
    }

    @Test
    void refreshMaterializedView() throws Exception {
        assertEquals(List.of("PG507 1"), codes("PG507", "REFRESH MATERIALIZED VIEW report_one;\n"));
        assertEquals(List.of(), codes("PG507", "CREATE MATERIALIZED VIEW fresh AS SELECT 2 AS two;\n"
                + "REFRESH MATERIALIZED VIEW fresh;\n"), "a view of this file has no readers yet");
        assertEquals(List.of(), codes("PG507", "CREATE UNIQUE INDEX report_one_one ON report_one (one);\n"
                + "REFRESH MATERIALIZED VIEW CONCURRENTLY report_one;\n"));
    }

    @Test
    void lockTable() throws Exception {
        assertEquals(List.of("PG512 1"), codes("PG512", "LOCK TABLE users IN ACCESS EXCLUSIVE MODE;\n"));
        assertEquals(List.of("PG512 1"), codes("PG512", "LOCK users;\n"), "ACCESS EXCLUSIVE is the default");
        assertEquals(List.of(), codes("PG512", "LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE;\n"));
    }

    @Test
    void setTablespace() throws Exception {
        assertEquals(List.of("PG516 1"), codes("PG516", "ALTER TABLE users SET TABLESPACE pg_default;\n"));
        assertEquals(List.of(), codes("PG516", "CREATE TABLE fresh (a int);\n"
                + "ALTER TABLE fresh SET TABLESPACE pg_default;\n"), "a table of this file has no users yet");
    }

    private List<String> codes(String code, String newFile) throws Exception {
        return harness.codes(newFile).stream().filter(c -> c.startsWith(code + " ")).toList();
    }
}
