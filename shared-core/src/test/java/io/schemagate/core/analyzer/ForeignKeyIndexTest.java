package io.schemagate.core.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.policy.Policy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PG513 on the local PostgreSQL: a foreign key added without an index leading with its columns. */
class ForeignKeyIndexTest extends AnalyzerCase {
    private static final Policy PG513 = AnalyzerHarness.policy("PG513", Map.of());
    @Test
    void aForeignKeyWithoutAnIndex() throws Exception {
        assertEquals(List.of("PG513 2:1 foreign key invoices_user_fk on billing.invoices (user_id) has no index leading"
                + " with its columns: every DELETE on public.users, and every change of its key, scans billing.invoices"),
                pg513("""
                        ALTER TABLE billing.invoices ADD COLUMN user_id bigint;
                        ALTER TABLE billing.invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (user_id)
                            REFERENCES users (id) NOT VALID;
                        """));
        assertEquals(List.of("PG513 1"), codes("""
                CREATE TABLE notes (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
                """), "a new table too: its rows come");
    }

    @Test
    void anIndexAnywhereInTheFileServesIt() throws Exception {
        assertEquals(List.of(), codes("""
                ALTER TABLE billing.invoices ADD COLUMN user_id bigint;
                ALTER TABLE billing.invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
                CREATE INDEX invoices_user_idx ON billing.invoices (user_id);
                """), "indexed later in the file");
        assertEquals(List.of(), codes("""
                CREATE TABLE notes (user_id bigint REFERENCES users (id), n int, PRIMARY KEY (user_id, n));
                """), "the primary key leads with the column");
        assertEquals(List.of(), codes("""
                CREATE TABLE notes (id bigint, user_id bigint REFERENCES users (id), UNIQUE (user_id, id));
                """), "a unique constraint leads with it");
    }

    @Test
    void indexesThatDoNotServeIt() throws Exception {
        assertEquals(List.of("PG513 1"), codes("""
                CREATE TABLE notes (id bigint, user_id bigint REFERENCES users (id));
                CREATE INDEX notes_id_user ON notes (id, user_id);
                """), "the column is not leading");
        assertEquals(List.of("PG513 1"), codes("""
                CREATE TABLE notes (id bigint, user_id bigint REFERENCES users (id));
                CREATE INDEX notes_user_partial ON notes (user_id) WHERE id > 0;
                """), "a partial index");
        assertEquals(List.of("PG513 1"), codes("""
                CREATE TABLE notes (id bigint, user_id bigint REFERENCES users (id));
                CREATE INDEX notes_user ON notes (user_id);
                DROP INDEX notes_user;
                """), "dropped again");
    }

    /** What the file does later counts: a key dropped again, a column renamed and then indexed; partitions once. */
    @Test
    void theFileAsAWhole() throws Exception {
        assertEquals(List.of(), codes("""
                CREATE TABLE notes (id bigint, user_id bigint CONSTRAINT notes_user REFERENCES users (id));
                ALTER TABLE notes DROP CONSTRAINT notes_user;
                """), "dropped again");
        assertEquals(List.of(), codes("""
                CREATE TABLE notes (id bigint, uid bigint REFERENCES users (id));
                ALTER TABLE notes RENAME COLUMN uid TO user_id;
                CREATE INDEX notes_user ON notes (user_id);
                """), "renamed, then indexed");
        assertEquals(List.of("PG513 1"), codes("""
                CREATE TABLE events (id bigint, at date, user_id bigint REFERENCES users (id)) PARTITION BY RANGE (at);
                CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                CREATE TABLE events_2027 PARTITION OF events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
                """), "the parent's key, once");
    }

    private List<String> pg513(String newFile) throws Exception {
        return harness.findings(PG513, newFile).stream().filter(f -> f.startsWith("PG513 ")).toList();
    }

    private List<String> codes(String newFile) throws Exception {
        return harness.codes(PG513, newFile).stream().filter(c -> c.startsWith("PG513 ")).toList();
    }
}
