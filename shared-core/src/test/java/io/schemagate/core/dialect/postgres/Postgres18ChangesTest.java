package io.schemagate.core.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaChange.AddColumn;
import io.schemagate.core.schema.SchemaChange.AddForeignKey;
import io.schemagate.core.schema.SchemaChange.ModifyConstraint;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What PostgreSQL 18 added: virtual generated columns and NOT ENFORCED constraints. Skipped on older servers. */
class Postgres18ChangesTest extends ChangeHarness {

    @BeforeEach
    void needsPostgres18() throws SQLException {
        int major = db.connection().getMetaData().getDatabaseMajorVersion();
        Assumptions.assumeTrue(major >= 18, "PostgreSQL " + major + " has neither feature");
    }

    @Test
    void virtualGeneratedColumnDoesNotRewrite() throws SQLException {
        List<SchemaChange> changes = changes("CREATE TABLE t (id int PRIMARY KEY, a int)",
                "ALTER TABLE t ADD COLUMN doubled int GENERATED ALWAYS AS (a * 2) VIRTUAL");
        assertChanges(changes, "add_column public.t.doubled");
        Column doubled = change(changes, 0, AddColumn.class).column();
        assertEquals(Column.Generated.VIRTUAL, doubled.generated());
        assertEquals("(a * 2)", doubled.generationExpression());
    }

    @Test
    void notEnforcedForeignKeyThenEnforced() throws SQLException {
        String setup = "CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE orders (user_id int)";
        List<SchemaChange> added = changes(setup,
                "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users NOT ENFORCED");
        assertChanges(added, "add_foreign_key public.orders.orders_user");
        ForeignKey fk = change(added, 0, AddForeignKey.class).foreignKey();
        assertFalse(fk.enforced());

        List<SchemaChange> enforced = changes("", "ALTER TABLE orders ALTER CONSTRAINT orders_user ENFORCED");
        assertChanges(enforced, "modify_constraint public.orders.orders_user");
        assertTrue(((ForeignKey) change(enforced, 0, ModifyConstraint.class).after()).enforced());
    }

    @Test
    void notNullConstraintsAreColumnNullabilityNotConstraints() throws SQLException {
        assertChanges(changes("CREATE TABLE t (a int)", "ALTER TABLE t ALTER COLUMN a SET NOT NULL"),
                "modify_column public.t.a");
    }
}
