package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DS501–DS502 (TRUNCATE) and BC501–BC503 (renamed schemas and enum labels, dropped NOT NULL) on the local PostgreSQL. */
class TruncateAndCompatibilityTest extends AnalyzerCase {
    @Test
    void truncateEmptiesExistingTables() throws Exception {
        assertEquals(List.of("DS501 3:1 TRUNCATE empties drop_old_audit, billing.invoices of every row"),
                harness.findings("CREATE TABLE scratch (id int);\n"
                        + "-- empty them\nTRUNCATE TABLE drop_old_audit, ONLY billing.invoices RESTART IDENTITY;\n"));
        assertEquals(List.of("DS502 1:1 TRUNCATE … CASCADE empties users and every table that references it, which the"
                + " statement does not name"), harness.findings("TRUNCATE users CASCADE;\n"));
        assertEquals(List.of(), harness.findings("CREATE TABLE scratch (id int);\nTRUNCATE scratch;\n"),
                "a table of this file holds nothing anyone needs");
        assertEquals(List.of(), harness.findings("-- atlas:nolint DS501 the audit copy is rebuilt nightly\n"
                + "TRUNCATE drop_old_audit;\n"), "suppressed with a reason");
    }

    @Test
    void renamedSchemasAndEnumLabels() throws Exception {
        assertEquals(List.of("BC501 1:1 schema billing is renamed to invoicing; code and search paths that still name"
                + " it break"), harness.findings("ALTER SCHEMA billing RENAME TO invoicing;\n"));
        assertEquals(List.of(), harness.findings("CREATE SCHEMA fresh;\nALTER SCHEMA fresh RENAME TO fresher;\n"));

        assertEquals(List.of("BC502 1:1 value sad → unhappy of enum public.mood is renamed; code that still writes or"
                + " compares the old label breaks"), harness.findings("ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';\n"));
        assertEquals(List.of(), harness.findings("ALTER TYPE mood ADD VALUE 'happy';\n"), "a new label breaks nothing");
        assertEquals(List.of(), harness.findings("CREATE TYPE fresh AS ENUM ('a', 'b');\n"
                + "ALTER TYPE fresh RENAME VALUE 'a' TO 'c';\n"), "a type of this file has no users yet");
    }

    @Test
    void aColumnThatMayNowBeNull() throws Exception {
        assertEquals(List.of("BC503 1:1 column public.accounts.email may now hold NULL; readers that assume a value get"
                + " NULL"), harness.findings("ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL;\n"));
        assertEquals(List.of(), harness.findings("ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n"
                + "ALTER TABLE users ALTER COLUMN name DROP NOT NULL;\n").stream()
                .filter(f -> f.startsWith("BC503")).toList(), "NOT NULL only within the file");
    }
}
