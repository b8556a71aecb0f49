package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.dialect.sqlite.TableDefinition.DeclaredCheck;
import io.schemagate.core.dialect.sqlite.TableDefinition.DeclaredForeignKey;
import io.schemagate.core.dialect.sqlite.TableDefinition.DeclaredUnique;
import io.schemagate.core.schema.Check;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.IndexPart;
import io.schemagate.core.schema.PrimaryKey;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.Table;
import io.schemagate.core.schema.Trigger;
import io.schemagate.core.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds one {@link Table} from what the pragmas report and what its CREATE TABLE text declares.
 *
 * <p>Choices the model leaves to the dialect:
 * <ul>
 *   <li>The rowid alias — the single {@code INTEGER PRIMARY KEY} column of a rowid table, with or without
 *       {@code AUTOINCREMENT} — is {@link Column.Identity#BY_DEFAULT} (SQLite assigns it when an insert gives none)
 *       and NOT NULL (it can never hold NULL, although SQLite reports it nullable).</li>
 *   <li>Constraints without a declared name get a synthetic one ({@link ConstraintNames}); their definitions are in a
 *       canonical form ({@link ConstraintText}).</li>
 *   <li>The automatic index behind a PRIMARY KEY or UNIQUE constraint ({@code sqlite_autoindex_<table>_<n>}, numbered
 *       in declaration order, so the number of the same constraint changes when another is added before it) is named
 *       after its constraint, and its definition is the constraint's.</li>
 *   <li>Every index is a {@code btree} and valid; none has INCLUDE columns.</li>
 * </ul>
 */
final class TableAssembly {

    /** What a foreign key needs of the table it references. */
    record Parent(String name, List<String> columns, List<String> primaryKey) {
    }

    private static final String SCHEMA = SqliteInspector.SCHEMA;

    private final SchemaObject table;
    private final List<ColumnRow> columnRows;
    private final List<IndexRow> indexRows;
    private final TableDefinition definition;
    private final ConstraintNames names;

    private TableAssembly(SchemaObject table, List<ColumnRow> columnRows, List<IndexRow> indexRows,
            TableDefinition definition) {
        this.table = table;
        this.columnRows = columnRows;
        this.indexRows = indexRows;
        this.definition = definition;
        List<String> declared = new ArrayList<>();
        if (definition.primaryKey() != null) {
            declared.add(definition.primaryKey());
        }
        definition.uniques().stream().map(DeclaredUnique::name).filter(Objects::nonNull).forEach(declared::add);
        definition.foreignKeys().stream().map(DeclaredForeignKey::name).filter(Objects::nonNull)
                .forEach(declared::add);
        definition.checks().stream().map(DeclaredCheck::name).filter(Objects::nonNull).forEach(declared::add);
        this.names = new ConstraintNames(table.name(), declared);
    }

    /**
     * @param parents finds a referenced table by name, in any case; null when the database has no such table
     */
    static Table table(SchemaObject table, List<ColumnRow> columns, List<IndexRow> indexes,
            List<ForeignKeyRow> foreignKeys, List<Trigger> triggers, Function<String, Parent> parents) {
        List<ColumnRow> visible = columns.stream().filter(c -> c.hidden() != 1).toList();
        TableDefinition definition = table.isVirtual() ? TableDefinition.unknown()
                : CreateTableParser.parse(table.sql(), visible.stream().map(ColumnRow::name).toList())
                        .orElse(TableDefinition.unknown());
        return new TableAssembly(table, visible, indexes, definition).build(foreignKeys, triggers, parents);
    }

    /** The primary key's columns in key order, from {@code pragma_table_xinfo}'s {@code pk} positions. */
    static List<String> primaryKeyColumns(List<ColumnRow> columns) {
        return columns.stream().filter(c -> c.pk() > 0).sorted(Comparator.comparingInt(ColumnRow::pk))
                .map(ColumnRow::name).toList();
    }

    private Table build(List<ForeignKeyRow> foreignKeyRows, List<Trigger> triggers, Function<String, Parent> parents) {
        List<String> pkColumns = primaryKeyColumns(columnRows);
        String pkName = pkColumns.isEmpty() ? null : names.primaryKey(definition.primaryKey());
        String rowidAlias = rowidAlias(pkColumns);
        List<Column> columns = columnRows.stream().map(c -> column(c, c.name().equals(rowidAlias))).toList();
        PrimaryKey primaryKey = pkName == null ? null
                : new PrimaryKey(0, pkName, pkColumns, 0, ConstraintText.primaryKey(pkColumns));

        List<UniqueConstraint> uniques = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        List<DeclaredUnique> declaredUniques = new ArrayList<>(definition.uniques());
        for (IndexRow row : indexRows) {
            List<String> keyColumns = row.parts().stream().map(p -> p.column() == null ? "rowid" : p.column()).toList();
            switch (row.origin()) {
                case "pk" -> indexes.add(constraintIndex(row, pkName, true, primaryKey.definition()));
                case "u" -> {
                    DeclaredUnique declared = take(declaredUniques, u -> sameNames(u.columns(), keyColumns));
                    String name = names.unique(declared == null ? null : declared.name(), keyColumns);
                    UniqueConstraint unique = new UniqueConstraint(0, name, keyColumns, 0, false,
                            ConstraintText.unique(keyColumns));
                    uniques.add(unique);
                    indexes.add(constraintIndex(row, name, false, unique.definition()));
                }
                default -> indexes.add(createdIndex(row));
            }
        }

        List<ForeignKey> foreignKeys = new ArrayList<>();
        List<DeclaredForeignKey> declaredKeys = new ArrayList<>(definition.foreignKeys());
        for (ForeignKeyRow row : foreignKeyRows) {
            foreignKeys.add(foreignKey(row, declaredKeys, parents.apply(row.parent())));
        }

        List<Check> checks = new ArrayList<>();
        List<String> columnNames = columnRows.stream().map(ColumnRow::name).toList();
        for (DeclaredCheck declared : definition.checks()) {
            List<String> mentioned = mentioned(declared.expression(), columnNames);
            checks.add(new Check(0, names.check(declared.name(), mentioned), declared.expression(), mentioned, true,
                    false, true, ConstraintText.check(declared.expression())));
        }

        Comparator<Index> indexOrder = Comparator.comparing(Index::name);
        return new Table(0, table.rootpage(), SCHEMA, table.name(),
                table.isVirtual() ? Table.Kind.FOREIGN : Table.Kind.TABLE, false, null, null, columns, primaryKey,
                sorted(uniques, UniqueConstraint::name), sorted(foreignKeys, ForeignKey::name),
                sorted(checks, Check::name), indexes.stream().sorted(indexOrder).toList(),
                sorted(triggers, Trigger::name), null, options());
    }

    /** In the order {@link Table#options()} documents. */
    private List<String> options() {
        List<String> options = new ArrayList<>();
        if (definition.autoincrement()) {
            options.add("AUTOINCREMENT");
        }
        if (table.withoutRowid()) {
            options.add("WITHOUT ROWID");
        }
        if (table.strict()) {
            options.add("STRICT");
        }
        return options;
    }

    /**
     * The column that is the rowid: the only primary key column of a rowid table, declared exactly {@code INTEGER}
     * and without an index of its own (SQLite makes {@code INTEGER PRIMARY KEY DESC} an ordinary key with an index).
     */
    private String rowidAlias(List<String> pkColumns) {
        if (table.withoutRowid() || table.isVirtual() || pkColumns.size() != 1
                || indexRows.stream().anyMatch(i -> "pk".equals(i.origin()))) {
            return null;
        }
        return columnRows.stream()
                .filter(c -> c.name().equals(pkColumns.get(0)) && c.type().equalsIgnoreCase("INTEGER"))
                .map(ColumnRow::name).findFirst().orElse(null);
    }

    private Column column(ColumnRow row, boolean rowid) {
        Column.Generated generated = switch (row.hidden()) {
            case 2 -> Column.Generated.VIRTUAL;
            case 3 -> Column.Generated.STORED;
            default -> Column.Generated.NONE;
        };
        TableDefinition.ColumnDeclaration declared = definition.column(row.name());
        return new Column(0, row.name(), row.type(), row.notNull() || rowid, row.defaultSql(),
                rowid ? Column.Identity.BY_DEFAULT : Column.Identity.NONE, generated,
                generated == Column.Generated.NONE ? null : declared.generationExpression(), declared.collation());
    }

    private static Index constraintIndex(IndexRow row, String constraint, boolean primary, String definition) {
        return new Index(0, row.rootpage(), constraint, true, primary, true, "btree", parts(row, List.of()),
                List.of(), null, definition, constraint);
    }

    private static Index createdIndex(IndexRow row) {
        IndexDefinition text = IndexDefinition.parse(row.sql());
        return new Index(0, row.rootpage(), row.name(), row.unique(), false, true, "btree", parts(row, text.parts()),
                List.of(), row.partial() ? text.predicate() : null, row.sql(), null);
    }

    /** @param texts each key part as written, when the index has a text */
    private static List<IndexPart> parts(IndexRow row, List<String> texts) {
        List<IndexPart> out = new ArrayList<>();
        for (int k = 0; k < row.parts().size(); k++) {
            IndexRow.Part p = row.parts().get(k);
            if (p.cid() == -2) {
                String expression = k < texts.size() ? texts.get(k) : "?";
                out.add(new IndexPart(null, expression, p.descending()));
            } else {
                out.add(new IndexPart(p.column() == null ? "rowid" : p.column(), null, p.descending()));
            }
        }
        return out;
    }

    private ForeignKey foreignKey(ForeignKeyRow row, List<DeclaredForeignKey> declaredKeys, Parent parent) {
        DeclaredForeignKey declared = take(declaredKeys,
                d -> sameNames(d.columns(), row.columns()) && d.referencedTable().equalsIgnoreCase(row.parent()));
        boolean implicit = row.referencedColumns().stream().allMatch(Objects::isNull);
        List<String> referenced;
        if (implicit) {
            referenced = parent == null ? List.of() : parent.primaryKey();
        } else {
            referenced = row.referencedColumns().stream()
                    .map(c -> parent == null ? c : spelled(c, parent.columns())).toList();
        }
        boolean deferrable = declared != null && declared.deferrable();
        boolean deferred = declared != null && declared.initiallyDeferred();
        String parentName = parent == null ? row.parent() : parent.name();
        return new ForeignKey(0, names.foreignKey(declared == null ? null : declared.name(), row.columns()),
                row.columns(), new QualifiedName(SCHEMA, parentName), referenced, action(row.onUpdate()),
                action(row.onDelete()), deferrable, deferred, true, true,
                ConstraintText.foreignKey(row.columns(), parentName, implicit ? List.of() : referenced,
                        row.onUpdate(), row.onDelete(), deferrable, deferred));
    }

    private static ForeignKey.Action action(String text) {
        return switch (text == null ? "" : text.toUpperCase(Locale.ROOT)) {
            case "RESTRICT" -> ForeignKey.Action.RESTRICT;
            case "CASCADE" -> ForeignKey.Action.CASCADE;
            case "SET NULL" -> ForeignKey.Action.SET_NULL;
            case "SET DEFAULT" -> ForeignKey.Action.SET_DEFAULT;
            default -> ForeignKey.Action.NO_ACTION;
        };
    }

    /**
     * The table's columns a condition names, in order of first mention, spelled as the table spells them. A word
     * followed by {@code (} is a function, not a column.
     */
    static List<String> mentioned(String expression, List<String> columns) {
        SqlTokens tokens = SqlTokens.of(expression);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            boolean identifier = token.kind() == SqlToken.Kind.QUOTED
                    || token.kind() == SqlToken.Kind.WORD && !tokens.isSymbol(i + 1, '(');
            if (identifier) {
                String column = spelled(token.value(), columns);
                if (columns.contains(column)) {
                    out.add(column);
                }
            }
        }
        return List.copyOf(out);
    }

    /** {@code name} as spelled in {@code names} when one matches it in any case, else as given. */
    private static String spelled(String name, List<String> names) {
        return names.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Removes and returns the first item that matches, or null. */
    private static <T> T take(List<T> items, Predicate<T> matches) {
        for (int i = 0; i < items.size(); i++) {
            if (matches.test(items.get(i))) {
                return items.remove(i);
            }
        }
        return null;
    }

    private static <T> List<T> sorted(List<T> items, Function<T, String> name) {
        return items.stream().sorted(Comparator.comparing(name)).toList();
    }
}
