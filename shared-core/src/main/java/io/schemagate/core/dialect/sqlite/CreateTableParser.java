package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.dialect.sqlite.TableDefinition.ColumnDeclaration;
import io.schemagate.core.dialect.sqlite.TableDefinition.DeclaredCheck;
import io.schemagate.core.dialect.sqlite.TableDefinition.DeclaredForeignKey;
import io.schemagate.core.dialect.sqlite.TableDefinition.DeclaredUnique;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a stored {@code CREATE TABLE} text for the declarations only it holds: CHECK constraints, generation
 * expressions, collations, constraint names and foreign-key deferrability.
 *
 * <p>SQLite keeps the text as written (and edits it in place on ADD, DROP and RENAME COLUMN and RENAME TABLE), so the
 * column definitions come first, one per column in table order, then the table constraints. The parser relies on that:
 * it checks that the first items of the list name the table's columns, as the pragmas report them, in order, and gives
 * up ({@link Optional#empty()}) on any text that does not match, rather than guess.
 */
final class CreateTableParser {

    /** Words that start a column constraint; they end a REFERENCES clause written on a column. */
    private static final Set<String> CONSTRAINT_STARTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "DEFAULT",
            "COLLATE", "REFERENCES", "GENERATED", "AS", "NULL");

    private final SqlTokens tokens;
    private final Map<String, ColumnDeclaration> columns = new HashMap<>();
    private final List<DeclaredUnique> uniques = new ArrayList<>();
    private final List<DeclaredForeignKey> foreignKeys = new ArrayList<>();
    private final List<DeclaredCheck> checks = new ArrayList<>();
    private String primaryKey;
    /** {@code INTEGER PRIMARY KEY AUTOINCREMENT}: rowids are never reused (SQLite keeps the last in sqlite_sequence). */
    private boolean autoincrement;

    private CreateTableParser(String sql) {
        this.tokens = SqlTokens.of(sql);
    }

    /**
     * @param columnNames the table's columns in order, as {@code pragma_table_xinfo} reports them
     */
    static Optional<TableDefinition> parse(String sql, List<String> columnNames) {
        return new CreateTableParser(sql).parse(columnNames);
    }

    private Optional<TableDefinition> parse(List<String> columnNames) {
        int table = tokens.find("TABLE", 0, tokens.size());
        if (table < 0 || !tokens.is(0, "CREATE")) {
            return Optional.empty();
        }
        int i = table + 1;
        if (tokens.is(i, "IF") && tokens.is(i + 1, "NOT") && tokens.is(i + 2, "EXISTS")) {
            i += 3;
        }
        i += tokens.isSymbol(i + 1, '.') ? 3 : 1; // [schema.]name
        if (tokens.is(i, "AS")) {
            return Optional.of(definition()); // CREATE TABLE … AS SELECT declares nothing
        }
        if (!tokens.isSymbol(i, '(')) {
            return Optional.empty();
        }
        List<int[]> items = tokens.items(i);
        if (items.size() < columnNames.size()) {
            return Optional.empty();
        }
        for (int k = 0; k < items.size(); k++) {
            int[] item = items.get(k);
            if (k < columnNames.size()) {
                SqlToken name = tokens.get(item[0]);
                if (item[0] >= item[1] || !name.isName() || !name.value().equalsIgnoreCase(columnNames.get(k))) {
                    return Optional.empty();
                }
                column(name.value(), item[0] + 1, item[1]);
            } else if (!tableConstraint(item[0], item[1])) {
                return Optional.empty();
            }
        }
        return Optional.of(definition());
    }

    private TableDefinition definition() {
        return new TableDefinition(columns, primaryKey, uniques, foreignKeys, checks, autoincrement);
    }

    /** A column definition after its name: type words, then constraints in any order. */
    private void column(String column, int from, int to) {
        String collation = null;
        String generation = null;
        String pendingName = null;
        int i = from;
        while (i < to) {
            SqlToken token = tokens.get(i);
            if (token.is("CONSTRAINT") && i + 1 < to) {
                pendingName = tokens.get(i + 1).value();
                i += 2;
                continue;
            }
            if (token.is("PRIMARY")) {
                primaryKey = pendingName;
            } else if (token.is("AUTOINCREMENT")) {
                autoincrement = true;
            } else if (token.is("UNIQUE")) {
                uniques.add(new DeclaredUnique(pendingName, List.of(column)));
            } else if (token.is("CHECK") && tokens.isSymbol(i + 1, '(')) {
                checks.add(new DeclaredCheck(pendingName, inside(i + 1)));
                i = tokens.skip(i + 1);
                pendingName = null;
                continue;
            } else if (token.is("COLLATE") && i + 1 < to) {
                collation = tokens.get(i + 1).value();
                i += 2;
                pendingName = null;
                continue;
            } else if (token.is("AS") && tokens.isSymbol(i + 1, '(')) {
                generation = inside(i + 1);
                i = tokens.skip(i + 1);
                pendingName = null;
                continue;
            } else if (token.is("DEFAULT")) {
                // The value is one literal, a signed number or a parenthesised expression; none of it is a keyword.
                i++;
                if (tokens.isSymbol(i, '-') || tokens.isSymbol(i, '+')) {
                    i++;
                }
                i = tokens.skip(i);
                pendingName = null;
                continue;
            } else if (token.is("REFERENCES")) {
                i = references(pendingName, List.of(column), i, to);
                pendingName = null;
                continue;
            }
            if (!token.is("KEY") && !token.is("NOT")) {
                pendingName = null; // CONSTRAINT name applies to the constraint right after it
            }
            i = tokens.skip(i);
        }
        columns.put(column.toLowerCase(Locale.ROOT), new ColumnDeclaration(collation, generation));
    }

    /** A table constraint; false when it is none SQLite knows. */
    private boolean tableConstraint(int from, int to) {
        String name = null;
        int i = from;
        if (tokens.is(i, "CONSTRAINT") && i + 1 < to) {
            name = tokens.get(i + 1).value();
            i += 2;
        }
        if (tokens.is(i, "PRIMARY") && tokens.is(i + 1, "KEY")) {
            primaryKey = name;
            for (int j = i + 2; j < to; j++) {
                autoincrement |= tokens.is(j, "AUTOINCREMENT"); // PRIMARY KEY (id AUTOINCREMENT)
            }
            return true;
        }
        if (tokens.is(i, "UNIQUE") && tokens.isSymbol(i + 1, '(')) {
            uniques.add(new DeclaredUnique(name, names(i + 1)));
            return true;
        }
        if (tokens.is(i, "CHECK") && tokens.isSymbol(i + 1, '(')) {
            checks.add(new DeclaredCheck(name, inside(i + 1)));
            return true;
        }
        if (tokens.is(i, "FOREIGN") && tokens.is(i + 1, "KEY") && tokens.isSymbol(i + 2, '(')) {
            int after = tokens.skip(i + 2);
            if (tokens.is(after, "REFERENCES")) {
                references(name, names(i + 2), after, to);
                return true;
            }
        }
        return false;
    }

    /**
     * A REFERENCES clause at {@code at}: the parent table, optional columns, then actions, MATCH and deferrability.
     * Returns the index after the clause.
     */
    private int references(String name, List<String> columns, int at, int to) {
        SqlToken parent = tokens.get(at + 1);
        int i = at + 2;
        boolean deferrable = false;
        boolean initiallyDeferred = false;
        while (i < to) {
            SqlToken token = tokens.get(i);
            if (token.is("SET")) {
                i += 2; // ON … SET NULL / SET DEFAULT: an action, not the NULL or DEFAULT constraint
                continue;
            }
            boolean notNull = token.is("NOT") && tokens.is(i + 1, "NULL");
            if (notNull || token.kind() == SqlToken.Kind.WORD && CONSTRAINT_STARTS.contains(token.upper())) {
                break;
            }
            if (token.is("NOT") && tokens.is(i + 1, "DEFERRABLE")) {
                deferrable = false;
                i += 2;
                continue;
            }
            if (token.is("DEFERRABLE")) {
                deferrable = true;
            } else if (token.is("INITIALLY") && i + 1 < to) {
                initiallyDeferred = tokens.is(i + 1, "DEFERRED");
                i += 2;
                continue;
            }
            i = tokens.skip(i);
        }
        if (parent != null && parent.isName()) {
            foreignKeys.add(new DeclaredForeignKey(name, columns, parent.value(), deferrable,
                    deferrable && initiallyDeferred));
        }
        return i;
    }

    /** The text inside the parentheses opened at {@code open}. */
    private String inside(int open) {
        int close = tokens.close(open);
        return tokens.text(open + 1, close < 0 ? tokens.size() : close);
    }

    /** The column names of a parenthesised list such as {@code (a COLLATE nocase, b DESC)}: each item's first name. */
    private List<String> names(int open) {
        List<String> out = new ArrayList<>();
        for (int[] item : tokens.items(open)) {
            SqlToken first = tokens.get(item[0]);
            if (item[0] < item[1] && first.isName()) {
                out.add(first.value());
            }
        }
        return out;
    }
}
