package io.schemagate.core.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaDiff;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the replay does for one statement, as a test fixture: set up, inspect, run the statement, inspect, diff.
 *
 * <p>Each test class gets its own scratch database. Each case runs inside a transaction that is rolled back after it,
 * as the replay inspects inside the file's transaction; cases that cannot run in a transaction (CONCURRENTLY, VACUUM)
 * use {@link #changesInAutocommit} and the public schema is rebuilt after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChangeHarness {

    ScratchPostgres db;
    private boolean committed;

    @BeforeAll
    void createDatabase() throws SQLException {
        db = ScratchPostgres.create();
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @AfterEach
    void undo() throws SQLException {
        Connection c = db.connection();
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        if (committed) {
            db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
            committed = false;
        }
    }

    /** Runs {@code setup}, then {@code statement}, in one transaction, and returns what the statement changed. */
    List<SchemaChange> changes(String setup, String statement) throws SQLException {
        db.connection().setAutoCommit(false);
        return changesOf(setup, statement);
    }

    /** As {@link #changes}, each statement committing on its own. */
    List<SchemaChange> changesInAutocommit(String setup, String statement) throws SQLException {
        commitsOnItsOwn();
        return changesOf(setup, statement);
    }

    /** Declares that the test commits what it does, so the public schema is rebuilt after it. */
    void commitsOnItsOwn() {
        committed = true;
    }

    private List<SchemaChange> changesOf(String setup, String statement) throws SQLException {
        if (!setup.isBlank()) {
            db.execute(setup);
        }
        Catalog before = PostgresInspector.inspect(db.connection());
        db.execute(statement);
        Catalog after = PostgresInspector.inspect(db.connection());
        return SchemaDiff.diff(before, after);
    }

    /** Asserts the exact list of changes as {@code "kind object"} lines. */
    static void assertChanges(List<SchemaChange> changes, String... expected) {
        assertEquals(List.of(expected), changes.stream().map(c -> c.kind() + " " + c.object()).toList());
    }

    /** The {@code index}-th change, which must be a {@code type}. */
    static <T extends SchemaChange> T change(List<SchemaChange> changes, int index, Class<T> type) {
        return assertInstanceOf(type, changes.get(index));
    }
}
