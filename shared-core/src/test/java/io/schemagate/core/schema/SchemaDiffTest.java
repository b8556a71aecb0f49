package io.schemagate.core.schema;

import static io.schemagate.core.schema.Fixtures.catalog;
import static io.schemagate.core.schema.Fixtures.check;
import static io.schemagate.core.schema.Fixtures.column;
import static io.schemagate.core.schema.Fixtures.index;
import static io.schemagate.core.schema.Fixtures.lines;
import static io.schemagate.core.schema.Fixtures.schema;
import static io.schemagate.core.schema.Fixtures.table;
import static io.schemagate.core.schema.Fixtures.withChecks;
import static io.schemagate.core.schema.Fixtures.withIndexes;
import static io.schemagate.core.schema.Fixtures.withPrimaryKey;
import static io.schemagate.core.schema.Fixtures.withRelfilenode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.schema.SchemaChange.ModifyIndex;
import io.schemagate.core.schema.SchemaChange.ModifyTable;
import io.schemagate.core.schema.SchemaChange.RenameColumn;
import io.schemagate.core.schema.SchemaChange.RenameTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The differ on hand-made catalogs: matching, subsumption and order, independent of any database. */
class SchemaDiffTest {

    private static final Column ID = column(1, "id", "integer");
    private static final Column NAME = column(2, "name", "text");

    @Test
    void identicalCatalogsHaveNoChanges() {
        Catalog c = catalog(schema(10, "public", table(100, "public", "users", ID, NAME)));
        assertEquals(List.of(), SchemaDiff.diff(c, c));
    }

    @Test
    void sameOidOtherNameIsARename() {
        List<SchemaChange> changes = SchemaDiff.diff(
                catalog(schema(10, "public", table(100, "public", "users", ID))),
                catalog(schema(10, "public", table(100, "public", "customers", ID))));
        assertEquals(List.of("rename_table public.users"), lines(changes));
        assertEquals("customers", assertInstanceOf(RenameTable.class, changes.get(0)).after().name());
    }

    @Test
    void sameNameOtherOidIsADropAndAnAdd() {
        assertEquals(List.of("drop_table public.users", "add_table public.users"), lines(SchemaDiff.diff(
                catalog(schema(10, "public", table(100, "public", "users", ID))),
                catalog(schema(10, "public", table(101, "public", "users", ID))))));
    }

    @Test
    void withoutOidsObjectsMatchByName() {
        assertEquals(List.of("add_table main.customers", "drop_table main.users"), lines(SchemaDiff.diff(
                catalog(schema(0, "main", table(0, "main", "users", ID))),
                catalog(schema(0, "main", table(0, "main", "customers", ID))))));
        assertEquals(List.of(), SchemaDiff.diff(
                catalog(schema(0, "main", table(0, "main", "users", ID))),
                catalog(schema(0, "main", table(0, "main", "users", ID)))));
    }

    @Test
    void columnsMatchByAttnum() {
        List<SchemaChange> changes = SchemaDiff.diff(
                catalog(schema(10, "public", table(100, "public", "users", ID, NAME))),
                catalog(schema(10, "public", table(100, "public", "users", ID, column(2, "full_name", "text"),
                        column(3, "name", "text")))));
        assertEquals(List.of("rename_column public.users.name", "add_column public.users.name"), lines(changes));
        assertEquals("full_name", assertInstanceOf(RenameColumn.class, changes.get(0)).after().name());
    }

    @Test
    void relfilenodeChangeIsARewrite() {
        Table before = table(100, "public", "users", ID);
        List<SchemaChange> changes = SchemaDiff.diff(catalog(schema(10, "public", before)),
                catalog(schema(10, "public", withRelfilenode(before, 555))));
        assertEquals(List.of("modify_table public.users"), lines(changes));
        assertTrue(assertInstanceOf(ModifyTable.class, changes.get(0)).rewritten());
    }

    @Test
    void indexRecreatedWithTheSameDefinitionIsTheSameIndexRebuilt() {
        Table t = table(100, "public", "t", ID);
        List<SchemaChange> changes = SchemaDiff.diff(
                catalog(schema(10, "public", withIndexes(t, index(200, 200, "t_id", "id", null)))),
                catalog(schema(10, "public", withIndexes(t, index(300, 300, "t_id", "id", null)))));
        assertEquals(List.of("modify_index public.t.t_id"), lines(changes));
        ModifyIndex modify = assertInstanceOf(ModifyIndex.class, changes.get(0));
        assertTrue(modify.recreated());
        assertTrue(modify.rewritten());
    }

    @Test
    void indexRecreatedReusingItsStorageIsNoChange() {
        Table t = table(100, "public", "t", ID);
        assertEquals(List.of(), SchemaDiff.diff(
                catalog(schema(10, "public", withIndexes(t, index(200, 200, "t_id", "id", null)))),
                catalog(schema(10, "public", withIndexes(t, index(300, 200, "t_id", "id", null))))));
    }

    @Test
    void indexRecreatedWithAnotherDefinitionIsADropAndAnAdd() {
        Table t = table(100, "public", "t", ID, NAME);
        assertEquals(List.of("drop_index public.t.t_i", "add_index public.t.t_i"), lines(SchemaDiff.diff(
                catalog(schema(10, "public", withIndexes(t, index(200, 200, "t_i", "id", null)))),
                catalog(schema(10, "public", withIndexes(t, index(300, 300, "t_i", "name", null)))))));
    }

    @Test
    void indexBehindAConstraintIsReportedThroughTheConstraint() {
        Table t = table(100, "public", "t", ID);
        Table keyed = withPrimaryKey(withIndexes(t, index(200, 200, "t_pkey", "id", "t_pkey")),
                new PrimaryKey(201, "t_pkey", List.of("id"), 200, "PRIMARY KEY (id)"));
        assertEquals(List.of("add_primary_key public.t.t_pkey"),
                lines(SchemaDiff.diff(catalog(schema(10, "public", t)), catalog(schema(10, "public", keyed)))));
        assertEquals(List.of("drop_primary_key public.t.t_pkey"),
                lines(SchemaDiff.diff(catalog(schema(10, "public", keyed)), catalog(schema(10, "public", t)))));
    }

    @Test
    void validatingAConstraintIsAModify() {
        Table t = table(100, "public", "t", ID);
        List<SchemaChange> changes = SchemaDiff.diff(
                catalog(schema(10, "public", withChecks(t, check(300, "positive", "(id > 0)", false)))),
                catalog(schema(10, "public", withChecks(t, check(300, "positive", "(id > 0)", true)))));
        assertEquals(List.of("modify_constraint public.t.positive"), lines(changes));
        assertTrue(assertInstanceOf(SchemaChange.ModifyConstraint.class, changes.get(0)).validated());
    }

    @Test
    void schemaRenameDoesNotRenameItsContents() {
        assertEquals(List.of("rename_schema billing"), lines(SchemaDiff.diff(
                catalog(schema(10, "billing", table(100, "billing", "invoices", ID))),
                catalog(schema(10, "accounting", table(100, "accounting", "invoices", ID))))));
    }

    @Test
    void tableMovedToAnotherSchemaIsARename() {
        List<SchemaChange> changes = SchemaDiff.diff(
                catalog(schema(10, "public", table(100, "public", "t", ID)), schema(11, "archive")),
                catalog(schema(10, "public"), schema(11, "archive", table(100, "archive", "t", ID))));
        assertEquals(List.of("rename_table public.t"), lines(changes));
        assertTrue(assertInstanceOf(RenameTable.class, changes.get(0)).moved());
    }

    @Test
    void contentsOfDroppedAndAddedSchemasAreNotListedSeparately() {
        assertEquals(List.of("add_schema new", "drop_schema old"), lines(SchemaDiff.diff(
                catalog(schema(10, "old", table(100, "old", "a", ID))),
                catalog(schema(11, "new", table(101, "new", "b", ID))))));
    }

    @Test
    void orderIsSchemasThenKindsThenNamesWithDropsFirst() {
        Catalog before = catalog(schema(10, "public", table(100, "public", "b", ID), table(101, "public", "z", ID)));
        Catalog after = new Catalog(List.of(
                schema(12, "audit"),
                new Schema(10, "public",
                        List.of(table(102, "public", "a", ID), table(103, "public", "b", ID),
                                table(101, "public", "z", ID, NAME)),
                        List.of(), List.of(),
                        List.of(new Sequence(104, "public", "s", "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, null)),
                        List.of(), List.of())));
        List<String> expected = List.of(
                "add_schema audit",
                "add_sequence public.s",
                "add_table public.a",
                "drop_table public.b",
                "add_table public.b",
                "add_column public.z.name");
        assertEquals(expected, lines(SchemaDiff.diff(before, after)));
        assertEquals(expected, lines(SchemaDiff.diff(before, after)), "same input, same order");
    }

    @Test
    void modifyColumnSaysWhatChanged() {
        Column before = new Column(3, "age", "integer", false, null, Column.Identity.NONE, Column.Generated.NONE,
                null, null);
        Column after = new Column(3, "age", "bigint", true, "0", Column.Identity.NONE, Column.Generated.NONE, null,
                null);
        List<SchemaChange> changes = SchemaDiff.diff(
                catalog(schema(10, "public", table(100, "public", "t", before))),
                catalog(schema(10, "public", table(100, "public", "t", after))));
        var modify = assertInstanceOf(SchemaChange.ModifyColumn.class, changes.get(0));
        assertTrue(modify.typeChanged());
        assertTrue(modify.setNotNull());
        assertTrue(modify.defaultChanged());
        assertFalse(modify.identityChanged() || modify.generatedChanged() || modify.collationChanged());
    }
}
