package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.schema.ForeignKey;
import io.schemagate.core.schema.Index;
import io.schemagate.core.schema.IndexPart;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PG513: a foreign key the file adds whose columns lead no index of their table once the file has run. PostgreSQL
 * indexes the referenced key, not the referencing columns: without such an index every DELETE (and key UPDATE) on the
 * referenced table scans the referencing one, and so does every ON DELETE CASCADE.
 */
public final class UnindexedForeignKeys implements Analyzer {

    /** A foreign key added by the statement at {@code statement}. */
    private record Added(int statement, QualifiedName table, ForeignKey key) {
    }

    @Override
    public void analyze(Pass pass) {
        Map<QualifiedName, Map<String, List<String>>> indexes = new HashMap<>();
        List<Added> added = new ArrayList<>();
        for (int i = 0; i < pass.statements().size(); i++) {
            for (SchemaChange change : pass.statements().get(i).changes()) {
                track(pass, indexes, added, i, change);
            }
        }
        for (Added a : added) {
            Map<String, List<String>> now = indexes.get(a.table());
            if (now == null || now.values().stream().anyMatch(leading -> leads(a.key().columns(), leading))) {
                continue; // the table is gone again, or an index serves the key
            }
            Statement statement = pass.statements().get(a.statement()).statement();
            String columns = String.join(", ", a.key().columns().stream().map(PostgresIdentifiers::quote).toList());
            pass.report(Rule.PG513, statement, "foreign key " + a.key().name() + " on " + a.table() + " (" + columns
                            + ") has no index leading with its columns: every DELETE on " + a.key().referencedTable()
                            + ", and every change of its key, scans " + a.table(),
                    new Fix("Index the columns, CONCURRENTLY on an existing table (in a file of its own, outside a"
                            + " transaction): CREATE INDEX CONCURRENTLY ON " + PostgresIdentifiers.quote(a.table())
                            + " (" + columns + ");", null));
        }
    }

    /** Follows the indexes of every table the file touches, and collects the foreign keys it adds. */
    private static void track(Pass pass, Map<QualifiedName, Map<String, List<String>>> indexes, List<Added> added,
            int i, SchemaChange change) {
        if (change instanceof SchemaChange.AddTable c) {
            indexes.put(c.table().qualifiedName(), of(c.table()));
            if (c.table().partitionOf() == null) { // a partition's keys are its parent's clones
                c.table().foreignKeys().forEach(k -> added.add(new Added(i, c.table().qualifiedName(), k)));
            }
        } else if (change instanceof SchemaChange.DropTable c) {
            indexes.remove(c.table().qualifiedName());
        } else if (change instanceof SchemaChange.DropSchema c) {
            indexes.keySet().removeIf(t -> t.schema().equals(c.schema().name()));
            added.removeIf(a -> a.table().schema().equals(c.schema().name()));
        } else if (change instanceof SchemaChange.DropForeignKey c) {
            added.removeIf(a -> a.table().equals(c.table()) && a.key().name().equals(c.foreignKey().name()));
        } else if (change instanceof SchemaChange.RenameColumn c) {
            String from = c.before().name();
            String to = c.after().name();
            of(pass, indexes, c.table()).replaceAll((name, columns) -> renamed(columns, from, to));
            added.replaceAll(a -> a.table().equals(c.table()) ? new Added(a.statement(), a.table(), new ForeignKey(
                    a.key().oid(), a.key().name(), renamed(a.key().columns(), from, to), a.key().referencedTable(),
                    a.key().referencedColumns(), a.key().onUpdate(), a.key().onDelete(), a.key().deferrable(),
                    a.key().initiallyDeferred(), a.key().validated(), a.key().enforced(), a.key().definition())) : a);
        } else if (change instanceof SchemaChange.RenameTable c) {
            Map<String, List<String>> moved = of(pass, indexes, c.before().qualifiedName());
            indexes.remove(c.before().qualifiedName());
            indexes.put(c.after().qualifiedName(), moved);
            added.replaceAll(a -> a.table().equals(c.before().qualifiedName())
                    ? new Added(a.statement(), c.after().qualifiedName(), a.key()) : a);
        } else if (change instanceof SchemaChange.AddForeignKey c) {
            of(pass, indexes, c.table());
            if (!partition(pass, c.table(), i)) {
                added.add(new Added(i, c.table(), c.foreignKey()));
            }
        } else if (change instanceof SchemaChange.AddIndex c) {
            of(pass, indexes, c.table()).put(c.index().name(), leading(c.index()));
        } else if (change instanceof SchemaChange.ModifyIndex c) {
            of(pass, indexes, c.table()).put(c.after().name(), leading(c.after()));
        } else if (change instanceof SchemaChange.RenameIndex c) {
            Map<String, List<String>> table = of(pass, indexes, c.table());
            table.put(c.after().name(), table.remove(c.before().name()));
        } else if (change instanceof SchemaChange.DropIndex c) {
            of(pass, indexes, c.table()).remove(c.index().name());
        } else if (change instanceof SchemaChange.AddPrimaryKey c) {
            of(pass, indexes, c.table()).put(c.primaryKey().name(), c.primaryKey().columns());
        } else if (change instanceof SchemaChange.AddUnique c) {
            of(pass, indexes, c.table()).put(c.unique().name(), c.unique().columns());
        } else if (change instanceof SchemaChange.DropPrimaryKey c) {
            of(pass, indexes, c.table()).remove(c.primaryKey().name());
        } else if (change instanceof SchemaChange.DropUnique c) {
            of(pass, indexes, c.table()).remove(c.unique().name());
        }
    }

    /** Whether the table is a partition (its foreign keys are clones of its parent's, reported there). */
    private static boolean partition(Pass pass, QualifiedName table, int statement) {
        boolean created = pass.statements().subList(0, statement + 1).stream().flatMap(r -> r.changes().stream())
                .anyMatch(c -> c instanceof SchemaChange.AddTable a && a.table().qualifiedName().equals(table)
                        && a.table().partitionOf() != null);
        return created || pass.tableBefore(table).map(t -> t.partitionOf() != null).orElse(false);
    }

    private static List<String> renamed(List<String> columns, String from, String to) {
        return columns.stream().map(c -> c.equals(from) ? to : c).toList();
    }

    /** The indexes of a table as the file left it so far: from the schema before the file on first use. */
    private static Map<String, List<String>> of(Pass pass, Map<QualifiedName, Map<String, List<String>>> indexes,
            QualifiedName table) {
        return indexes.computeIfAbsent(table, t -> {
            Optional<Table> before = pass.tableBefore(t);
            return before.map(UnindexedForeignKeys::of).orElseGet(LinkedHashMap::new);
        });
    }

    private static Map<String, List<String>> of(Table table) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        table.indexes().forEach(i -> out.put(i.name(), leading(i)));
        return out;
    }

    /**
     * The plain columns an index starts with, up to its first expression; none for an index the key check cannot use:
     * partial, not yet valid (built ON ONLY a partitioned parent, or a failed CONCURRENTLY), or not a b-tree (or hash).
     */
    private static List<String> leading(Index index) {
        List<String> columns = new ArrayList<>();
        if (index.partial() || !index.valid() || !("btree".equals(index.method()) || "hash".equals(index.method()))) {
            return columns;
        }
        for (IndexPart part : index.parts()) {
            if (!part.isColumn()) {
                break;
            }
            columns.add(part.column());
        }
        return columns;
    }

    /** Whether the key's columns, in any order, are the first columns of the index. */
    private static boolean leads(List<String> key, List<String> leading) {
        return leading != null && key.size() <= leading.size()
                && new HashSet<>(leading.subList(0, key.size())).equals(new HashSet<>(key));
    }
}
