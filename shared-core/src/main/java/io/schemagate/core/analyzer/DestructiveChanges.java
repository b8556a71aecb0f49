package io.schemagate.core.analyzer;

import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DS101–DS103: statements that drop a schema, table or column holding data that existed before the file. Objects
 * created in the same file, VIRTUAL generated columns and names matching the rule's {@code allow} patterns are exempt.
 * DS501–DS502: TRUNCATE, which keeps the tables and throws their rows away.
 */
public final class DestructiveChanges implements Analyzer {
    /** {@code TRUNCATE [TABLE] names [RESTART|CONTINUE IDENTITY] [CASCADE|RESTRICT]}; group 2 is CASCADE. */
    private static final Pattern TRUNCATE = Pattern.compile("(?is)^(?:\\s|--[^\\n]*\\n|/\\*.*?\\*/)*TRUNCATE\\s+(?:TABLE\\s+)?(.+?)"
            + "(?:\\s+(?:RESTART|CONTINUE)\\s+IDENTITY)?(?:\\s+(CASCADE)|\\s+RESTRICT)?\\s*;?\\s*$");

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            List<String> droppedColumns = new ArrayList<>();
            String columnsTable = null;
            for (SchemaChange change : run.changes()) {
                if (change instanceof SchemaChange.DropSchema d && existedBefore(pass, d.schema().name(), d.schema().oid())) {
                    int tables = d.schema().tables().size();
                    pass.report(Rule.DS101, run.statement(), "schema " + d.schema().name() + " is dropped"
                                    + (tables == 0 ? " (it holds no tables)" : " with its " + tables + (tables == 1 ? " table" : " tables")),
                            new Fix("Back it up and check it is empty before dropping it.", null));
                } else if (change instanceof SchemaChange.DropTable d && pass.preExisting(d.table())
                        && !pass.allowed(Rule.DS102, d.table().name()) && !pass.rebuilt(d.table().qualifiedName(), i)) {
                    pass.report(Rule.DS102, run.statement(), "table " + d.table().qualifiedName() + " is dropped with its rows",
                            new Fix("Check it is empty first: SELECT NOT EXISTS (SELECT 1 FROM " + d.table().qualifiedName()
                                    + "), or rename it to a deprecated name and drop it in a later release.", null));
                } else if (change instanceof SchemaChange.DropColumn d && droppedData(pass, d)) {
                    droppedColumns.add(d.column().name());
                    columnsTable = d.table().toString();
                }
            }
            truncate(pass, i, run);
            if (!droppedColumns.isEmpty()) {
                String names = String.join(", ", droppedColumns);
                pass.report(Rule.DS103, run.statement(), (droppedColumns.size() == 1 ? "column " : "columns ") + names
                                + " of " + columnsTable + (droppedColumns.size() == 1 ? " is dropped with its data" : " are dropped with their data"),
                        new Fix("Deploy code that no longer reads or writes " + names + " first; check the data is no longer"
                                + " needed (e.g. all NULL) before dropping.", null));
            }
        }
    }

    /**
     * DS501 and DS502: TRUNCATE empties tables whatever they hold, and CASCADE empties every table that references
     * them too, named nowhere in the file. Tables created earlier in the file are exempt.
     */
    private static void truncate(Pass pass, int i, StatementRun run) {
        Matcher m = TRUNCATE.matcher(run.statement().text());
        if (!m.find()) {
            return;
        }
        List<String> tables = new ArrayList<>();
        for (String name : m.group(1).split(",")) {
            String table = name.strip().replaceFirst("(?i)^ONLY\\s+", "").replaceFirst("\\s*\\*$", "");
            if (!table.isEmpty() && !createdEarlier(pass, i, unquoted(table))) {
                tables.add(table);
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        String list = String.join(", ", tables);
        if (m.group(2) != null) {
            pass.report(Rule.DS502, run.statement(), "TRUNCATE … CASCADE empties " + list + " and every table that"
                            + " references " + (tables.size() == 1 ? "it" : "them") + ", which the statement does not name",
                    new Fix("Name every table to empty, without CASCADE.", null));
        } else {
            pass.report(Rule.DS501, run.statement(), "TRUNCATE empties " + list + " of every row",
                    new Fix("Delete in batches with a WHERE clause, or confirm the data may go (atlas:nolint DS501"
                            + " with the reason).", null));
        }
    }

    /** The name as written, without its schema and quotes: what AddTable changes call it. */
    private static String unquoted(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1).strip();
        return last.length() > 1 && "\"`[".indexOf(last.charAt(0)) >= 0 ? last.substring(1, last.length() - 1) : last;
    }

    private static boolean createdEarlier(Pass pass, int statement, String name) {
        return pass.statements().subList(0, statement).stream().flatMap(r -> r.changes().stream())
                .anyMatch(c -> c instanceof SchemaChange.AddTable a && a.table().name().equals(name));
    }

    private static boolean existedBefore(Pass pass, String schema, long oid) {
        return pass.run().before().schema(schema).filter(s -> oid == 0 || s.oid() == oid).isPresent();
    }

    /** A stored column of a table that existed before the file, not on the rule's allow list. */
    private static boolean droppedData(Pass pass, SchemaChange.DropColumn drop) {
        Optional<Table> before = pass.tableBefore(drop.table());
        boolean existed = before.isPresent() && before.get().columns().stream()
                .anyMatch(c -> c.attnum() == drop.column().attnum() && c.name().equals(drop.column().name()));
        return existed && drop.column().generated() != Column.Generated.VIRTUAL
                && !pass.allowed(Rule.DS103, drop.column().name());
    }
}
