package io.schemagate.core.dialect.sqlite;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Definitions of constraints in one canonical form, since SQLite keeps no text per constraint (a column's
 * {@code REFERENCES p} and a table's {@code FOREIGN KEY (c) REFERENCES p} read the same here). Identifiers are quoted
 * only where they must be.
 */
final class ConstraintText {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Words that cannot stand unquoted as names and are plausible column or table names. */
    private static final Set<String> RESERVED = Set.of("ADD", "ALL", "ALTER", "AND", "AS", "AUTOINCREMENT", "BETWEEN",
            "CASE", "CHECK", "COLLATE", "COMMIT", "CONSTRAINT", "CREATE", "DEFAULT", "DEFERRABLE", "DELETE",
            "DISTINCT", "DROP", "ELSE", "ESCAPE", "EXCEPT", "EXISTS", "FOREIGN", "FROM", "GROUP", "HAVING", "IN",
            "INDEX", "INSERT", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "LIMIT", "NOT", "NOTHING", "NOTNULL",
            "NULL", "ON", "OR", "ORDER", "PRIMARY", "REFERENCES", "RETURNING", "SELECT", "SET", "TABLE", "THEN", "TO",
            "TRANSACTION", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "WHEN", "WHERE");

    private ConstraintText() {
    }

    static String primaryKey(List<String> columns) {
        return "PRIMARY KEY (" + list(columns) + ")";
    }

    static String unique(List<String> columns) {
        return "UNIQUE (" + list(columns) + ")";
    }

    /**
     * @param referencedColumns empty when the clause names none (it then means the parent's primary key)
     * @param onUpdate          as {@code pragma_foreign_key_list} spells it; {@code NO ACTION} is left out
     */
    static String foreignKey(List<String> columns, String parent, List<String> referencedColumns, String onUpdate,
            String onDelete, boolean deferrable, boolean initiallyDeferred) {
        StringBuilder out = new StringBuilder("FOREIGN KEY (").append(list(columns)).append(") REFERENCES ")
                .append(quote(parent));
        if (!referencedColumns.isEmpty()) {
            out.append('(').append(list(referencedColumns)).append(')');
        }
        if (!"NO ACTION".equals(onUpdate)) {
            out.append(" ON UPDATE ").append(onUpdate);
        }
        if (!"NO ACTION".equals(onDelete)) {
            out.append(" ON DELETE ").append(onDelete);
        }
        if (deferrable) {
            out.append(initiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE");
        }
        return out.toString();
    }

    static String check(String expression) {
        return "CHECK (" + expression + ")";
    }

    /** The name as SQL: unchanged when it is a plain, unreserved word, else in double quotes. */
    static String quote(String name) {
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String list(List<String> names) {
        return names.stream().map(ConstraintText::quote).collect(Collectors.joining(", "));
    }
}
