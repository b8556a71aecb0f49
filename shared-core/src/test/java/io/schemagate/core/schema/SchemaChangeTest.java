package io.schemagate.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kinds are part of the JSON report: this list changes only on purpose. */
class SchemaChangeTest {

    @Test
    void kindsAreTheReportContract() {
        List<String> kinds = Arrays.stream(SchemaChange.class.getPermittedSubclasses())
                .map(type -> snake(type.getSimpleName()))
                .sorted()
                .toList();
        assertEquals(List.of(
                "add_check", "add_column", "add_enum", "add_foreign_key", "add_function", "add_index",
                "add_materialized_view", "add_primary_key", "add_schema", "add_sequence", "add_table", "add_trigger",
                "add_unique", "add_view",
                "drop_check", "drop_column", "drop_enum", "drop_foreign_key", "drop_function", "drop_index",
                "drop_materialized_view", "drop_primary_key", "drop_schema", "drop_sequence", "drop_table",
                "drop_trigger", "drop_unique", "drop_view",
                "modify_column", "modify_comment", "modify_constraint", "modify_enum", "modify_function", "modify_index",
                "modify_materialized_view", "modify_sequence", "modify_table", "modify_trigger", "modify_view",
                "rename_check", "rename_column", "rename_enum", "rename_foreign_key", "rename_function",
                "rename_index", "rename_materialized_view", "rename_primary_key", "rename_schema", "rename_sequence",
                "rename_table", "rename_trigger", "rename_unique", "rename_view"), kinds);
    }

    @Test
    void kindAndObjectOfEachFamily() {
        QualifiedName users = new QualifiedName("public", "users");
        Column email = Column.of(3, "email", "text", false);
        assertEquals("add_column public.users.email", line(new SchemaChange.AddColumn(users, email)));
        assertEquals("rename_column public.users.email", line(new SchemaChange.RenameColumn(users, email,
                Column.of(3, "mail", "text", false))));
        assertEquals("drop_schema app", line(new SchemaChange.DropSchema(Schema.named(1, "app"))));
        Function f = new Function(1, "public", "add", "a integer, b integer", "integer", Function.Kind.FUNCTION,
                "sql", Function.Volatility.IMMUTABLE, "x");
        assertEquals("add_function public.add(a integer, b integer)", line(new SchemaChange.AddFunction(f)));
        EnumType mood = new EnumType(1, "public", "mood", List.of("sad"));
        assertEquals("modify_enum public.mood", line(new SchemaChange.ModifyEnum(mood,
                new EnumType(1, "public", "mood", List.of("sad", "ok")))));
        assertEquals("add_materialized_view public.totals", line(new SchemaChange.AddMaterializedView(
                new MaterializedView(1, 1, "public", "totals", true, "SELECT 1", List.of(), List.of()))));
    }

    private static String line(SchemaChange change) {
        return change.kind() + " " + change.object();
    }

    /** Independent of the implementation: the record name in snake_case. */
    private static String snake(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
