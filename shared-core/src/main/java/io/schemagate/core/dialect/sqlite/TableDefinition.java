package io.schemagate.core.dialect.sqlite;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a table's stored CREATE TABLE text declares that no pragma reports. Names are as written, unquoted; lists in
 * declaration order (column constraints before table constraints).
 *
 * @param columns     by column name lower-cased (SQLite compares identifiers without regard to ASCII case)
 * @param primaryKey  the name given with {@code CONSTRAINT name PRIMARY KEY}, else null
 * @param uniques     UNIQUE constraints, column and table ones
 * @param foreignKeys REFERENCES and FOREIGN KEY clauses
 * @param checks      CHECK constraints, column and table ones
 */
record TableDefinition(Map<String, ColumnDeclaration> columns, String primaryKey, List<DeclaredUnique> uniques,
                       List<DeclaredForeignKey> foreignKeys, List<DeclaredCheck> checks, boolean autoincrement) {

    /**
     * @param collation            {@code COLLATE name}, else null
     * @param generationExpression the expression of {@code [GENERATED ALWAYS] AS (…)}, as written, else null
     */
    record ColumnDeclaration(String collation, String generationExpression) {
    }

    /** @param name the declared name, else null */
    record DeclaredUnique(String name, List<String> columns) {
    }

    /** @param name the declared name, else null */
    record DeclaredForeignKey(String name, List<String> columns, String referencedTable, boolean deferrable,
                              boolean initiallyDeferred) {
    }

    /**
     * @param name       the declared name, else null
     * @param expression the condition as written, without the parentheses around it
     */
    record DeclaredCheck(String name, String expression) {
    }

    TableDefinition {
        columns = Map.copyOf(columns);
        uniques = List.copyOf(uniques);
        foreignKeys = List.copyOf(foreignKeys);
        checks = List.copyOf(checks);
    }

    /** What a table declares when its text is not understood: nothing. */
    static TableDefinition unknown() {
        return new TableDefinition(Map.of(), null, List.of(), List.of(), List.of(), false);
    }

    ColumnDeclaration column(String name) {
        return columns.getOrDefault(name.toLowerCase(Locale.ROOT), new ColumnDeclaration(null, null));
    }
}
