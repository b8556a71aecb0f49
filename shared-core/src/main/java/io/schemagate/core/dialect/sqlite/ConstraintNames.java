package io.schemagate.core.dialect.sqlite;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names for one table's constraints. SQLite keeps a constraint's name only when it was declared with
 * {@code CONSTRAINT name}; the others get a synthetic name built the way PostgreSQL names unnamed constraints —
 * {@code <table>_pkey}, {@code <table>_<columns>_key}, {@code <table>_<columns>_fkey}, {@code <table>_<column>_check}
 * — which depends only on what the constraint is, so it stays the same across inspections and across a rebuild of the
 * table (the differ matches SQLite constraints by name and definition). A synthetic name already taken in the table
 * gets the first free number appended ({@code t_a_check1}).
 */
final class ConstraintNames {

    private final String table;
    private final Set<String> taken = new HashSet<>();

    /** @param declared the names the table's text declares; synthetic names avoid them */
    ConstraintNames(String table, List<String> declared) {
        this.table = table;
        declared.forEach(name -> taken.add(key(name)));
    }

    String primaryKey(String declared) {
        return declared != null ? declared : fresh(table + "_pkey");
    }

    String unique(String declared, List<String> columns) {
        return declared != null ? declared : fresh(table + "_" + String.join("_", columns) + "_key");
    }

    String foreignKey(String declared, List<String> columns) {
        return declared != null ? declared : fresh(table + "_" + String.join("_", columns) + "_fkey");
    }

    /** @param columns the columns the condition mentions; the first one is in the name */
    String check(String declared, List<String> columns) {
        return declared != null ? declared
                : fresh(table + (columns.isEmpty() ? "" : "_" + columns.get(0)) + "_check");
    }

    private String fresh(String base) {
        String name = base;
        for (int n = 1; !taken.add(key(name)); n++) {
            name = base + n;
        }
        return name;
    }

    /** SQLite compares names without regard to ASCII case. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
