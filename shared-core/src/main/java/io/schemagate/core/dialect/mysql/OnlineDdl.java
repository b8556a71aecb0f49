package io.schemagate.core.dialect.mysql;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.Observation;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.Column;
import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.Table;
import io.schemagate.core.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MySQL/MariaDB online-DDL rules (rules.md §2.7, §3.3), from the statement, its changes and what the server
 * said when asked how it would run it ({@link AlgorithmProbe}): a table copy (MY501) or an in-place rebuild (MY503),
 * explicit COPY or blocking LOCK (MY502), expression defaults (MY504), AUTO_INCREMENT columns (MY505), foreign keys
 * (MY506) and checks (MY507) added to tables that may hold rows, several DDL statements in one file (MY511, each
 * commits on its own), and DDL without a lock_wait_timeout (MY512). MY501 and MY503 stay quiet where a more precise
 * rule already explains the copy.
 */
final class OnlineDdl implements Analyzer {
    private final MysqlServer server;

    OnlineDdl(MysqlServer server) {
        this.server = server;
    }

    private static final Pattern COPY_OR_LOCK = Pattern.compile(
            "\\b(ALGORITHM\\s*=?\\s*COPY|LOCK\\s*=?\\s*(SHARED|EXCLUSIVE))\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPRESSION_DEFAULT = Pattern.compile("\\bDEFAULT\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCK_WAIT_TIMEOUT = Pattern.compile(
            "^\\s*SET\\s+(SESSION\\s+|@@SESSION\\.|LOCAL\\s+)?lock_wait_timeout\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FOREIGN_KEY_CHECKS_OFF = Pattern.compile(
            "^\\s*SET\\s+(SESSION\\s+|@@SESSION\\.|@@)?foreign_key_checks\\s*=\\s*(0|OFF)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DDL = Pattern.compile("^\\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b",
            Pattern.CASE_INSENSITIVE);

    @Override
    public void analyze(Pass pass) {
        List<StatementRun> runs = pass.statements();
        boolean lockWaitSet = false;
        boolean foreignKeyChecksOff = false;
        int ddlSeen = 0;
        for (int i = 0; i < runs.size(); i++) {
            StatementRun run = runs.get(i);
            Statement statement = run.statement();
            String text = statement.text();
            lockWaitSet |= LOCK_WAIT_TIMEOUT.matcher(text).find();
            foreignKeyChecksOff |= FOREIGN_KEY_CHECKS_OFF.matcher(text).find();
            if (!DDL.matcher(text).find()) {
                continue;
            }
            ddlSeen++;
            if (ddlSeen == 2) {
                pass.report(Rule.MY511, statement, "a second DDL statement in this file: MySQL commits each on its own,"
                                + " so if this one fails the file stays half applied and cannot simply be rerun",
                        new Fix("Put one DDL statement in each file, or make the file safe to rerun (IF NOT EXISTS).",
                                null));
            }
            Optional<String> table = alteredTable(pass, run, i).map(QualifiedName::toString)
                    .or(() -> run.observed(Observation.Algorithm.class).stream().map(Observation.Algorithm::table).findFirst());
            if (table.isEmpty()) {
                continue;
            }
            if (!lockWaitSet) {
                lockWaitSet = true; // once per file is enough to make the point
                pass.report(Rule.MY512, statement, "DDL on " + table.get() + " without a short lock_wait_timeout: it"
                                + " queues behind any open transaction on the table for up to a year (the default), and"
                                + " every query on the table queues behind it",
                        new Fix("Set a short wait before the DDL and retry on timeout.",
                                pass.insertInto(statement, "^", "SET SESSION lock_wait_timeout = 5;\n")));
            }
            if (COPY_OR_LOCK.matcher(text).find()) {
                pass.report(Rule.MY502, statement, "the ALTER asks for " + COPY_OR_LOCK.matcher(text).results()
                                .map(r -> r.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", "")).findFirst().orElse("")
                                + ": writes to " + table.get() + " are blocked while it runs",
                        new Fix("Leave ALGORITHM and LOCK to the server, or ask for LOCK=NONE so it refuses rather than"
                                + " blocks.", null));
            }
            boolean explained = false;
            for (SchemaChange change : run.changes()) {
                explained |= check(pass, statement, change, foreignKeyChecksOff);
            }
            if (!explained) {
                algorithm(pass, run);
            }
        }
    }

    /** MY501 for a table copy, MY503 for a MariaDB in-place rebuild, as the server answered the probe. */
    private void algorithm(Pass pass, StatementRun run) {
        for (Observation.Algorithm a : run.observed(Observation.Algorithm.class)) {
            String why = a.refusal().isEmpty() ? "" : " (" + a.refusal() + ")";
            if (a.algorithm().equals("COPY")) {
                pass.report(Rule.MY501, run.statement(), "this ALTER copies table " + a.table() + " row by row, with"
                                + " writes blocked until it ends: the server cannot run it in place" + why,
                        new Fix("Use an online schema change tool (gh-ost, pt-online-schema-change), or add a new column,"
                                + " backfill it in batches and switch over.", null));
                pass.tableBefore(new QualifiedName(MysqlInspector.OWN_SCHEMA, a.table()))
                        .flatMap(OnlineDdl::whyNoOnlineTool)
                        .ifPresent(reason -> pass.report(Rule.MY510, run.statement(), "table " + a.table() + " cannot be"
                                        + " changed online by gh-ost or pt-online-schema-change either: " + reason,
                                new Fix("Add a NOT NULL primary key (or unique key) first, or plan downtime for it.", null)));
            } else if (a.algorithm().equals("INPLACE") && !a.rebuild() && !server.mariadb() && server.atLeast(8, 0)
                    && addsOrDropsColumn(run)) {
                pass.report(Rule.MY513, run.statement(), "MySQL cannot add or drop this column instantly on table "
                                + a.table() + " and silently rebuilds it in place" + why,
                        new Fix("Plan for the rebuild's runtime, or remove what blocks INSTANT (ROW_FORMAT=COMPRESSED, a"
                                + " FULLTEXT index, 64 row versions: OPTIMIZE TABLE resets them).", null));
            } else if (a.algorithm().equals("INPLACE") && a.rebuild()) {
                pass.report(Rule.MY503, run.statement(), "this ALTER rebuilds table " + a.table() + " in place: writes go"
                                + " on, but it takes time and I/O in proportion to the table, and replicas lag behind"
                                + why,
                        new Fix("Expect the runtime and replica lag of a full table rebuild; schedule it.", null));
            }
        }
    }

    /**
     * Why the online schema change tools cannot copy the table either (rules.md MY510): they need a NOT NULL primary
     * or unique key to chunk by, and foreign keys and triggers get in their way.
     */
    private static Optional<String> whyNoOnlineTool(Table table) {
        boolean chunkKey = table.primaryKey() != null || table.indexes().stream().anyMatch(i -> i.unique()
                && i.columns().stream().allMatch(c -> table.column(c).map(Column::notNull).orElse(false)));
        if (!chunkKey) {
            return Optional.of("it has no primary key and no unique key over NOT NULL columns");
        }
        if (!table.foreignKeys().isEmpty()) {
            return Optional.of("it has foreign keys, which the copy does not carry over");
        }
        if (!table.triggers().isEmpty()) {
            return Optional.of("it has triggers, and pt-online-schema-change needs its own");
        }
        return Optional.empty();
    }

    private static boolean addsOrDropsColumn(StatementRun run) {
        return run.changes().stream().anyMatch(c -> c instanceof SchemaChange.AddColumn || c instanceof SchemaChange.DropColumn);
    }

    /** Reports the rule a change of a pre-existing table breaks; true when it explains a copy or rebuild. */
    private static boolean check(Pass pass, Statement statement, SchemaChange change, boolean foreignKeyChecksOff) {
        if (change instanceof SchemaChange.AddColumn a && a.column().identity() != Column.Identity.NONE) {
            pass.report(Rule.MY505, statement, "AUTO_INCREMENT column " + a.table().member(a.column().name())
                    + " is added: the table is rebuilt with writes blocked", new Fix("Create a new table and copy the"
                    + " rows in batches, or add the column where the table is empty.", null));
            return true;
        }
        if (change instanceof SchemaChange.AddColumn a && a.column().defaultExpression() != null
                && EXPRESSION_DEFAULT.matcher(statement.text()).find()) {
            pass.report(Rule.MY504, statement, "column " + a.table().member(a.column().name()) + " is added with an"
                    + " expression DEFAULT: the table is rebuilt", new Fix("Add it without a default (or a literal"
                    + " one), then SET DEFAULT, and backfill in batches.", null));
            return true;
        }
        if (change instanceof SchemaChange.AddForeignKey f && !foreignKeyChecksOff) {
            pass.report(Rule.MY506, statement, "foreign key " + f.foreignKey().name() + " is added to " + f.table()
                    + ": with foreign_key_checks on, the table is copied and writes to it and to "
                    + f.foreignKey().referencedTable() + " are blocked", new Fix("If the data is surely valid, run the"
                    + " ALTER between SET foreign_key_checks = 0 and = 1 (in place, no copy; not through a pooler).",
                    null));
            return true;
        }
        if (change instanceof SchemaChange.ModifyColumn m && m.typeChanged()) {
            Optional<MemberList> before = MemberList.of(m.before().type());
            Optional<MemberList> after = MemberList.of(m.after().type());
            if (before.isPresent() && after.isPresent() && before.get().kind().equals(after.get().kind())) {
                Optional<MemberList.Problem> problem = before.get().problemGoingTo(after.get());
                if (problem.isPresent()) {
                    Rule rule = Rule.valueOf("MY1" + (before.get().kind().equals("enum") ? 1 : 2) + problem.get().step());
                    pass.report(rule, statement, "the " + before.get().kind().toUpperCase(Locale.ROOT) + " of "
                                    + m.table().member(m.after().name()) + " " + problem.get().text() + ": the table is"
                                    + " copied with writes blocked" + (problem.get().step() == 0
                                    ? ", and rows holding a removed value fail or become ''" : ""),
                            new Fix("Only append members at the end, within the same storage size; move rows off a"
                                    + " value before removing it.", null));
                    return true;
                }
            }
        }
        if (change instanceof SchemaChange.AddCheck c) {
            pass.report(Rule.MY507, statement, "check " + c.check().name() + " is added to " + c.table() + ": every"
                    + " row is scanned with writes blocked, and it fails if one violates it",
                    new Fix("There is no online form: check the rows first and schedule it.", null));
            return true;
        }
        return false;
    }

    /** The pre-existing table an ALTER TABLE changes (new tables hold no rows and nobody waits on them). */
    private static Optional<QualifiedName> alteredTable(Pass pass, StatementRun run, int index) {
        if (!Pass.says(run.statement(), "ALTER") && !Pass.says(run.statement(), "CREATE INDEX")
                && !Pass.says(run.statement(), "CREATE UNIQUE INDEX")) {
            return Optional.empty();
        }
        return run.changes().stream().map(OnlineDdl::tableOf).filter(Optional::isPresent).map(Optional::get)
                .filter(t -> pass.preExisting(t, index)).findFirst();
    }

    private static Optional<QualifiedName> tableOf(SchemaChange change) {
        if (change instanceof SchemaChange.AddColumn c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.DropColumn c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.ModifyColumn c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.RenameColumn c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.AddIndex c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.DropIndex c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.AddForeignKey c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.AddCheck c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.AddPrimaryKey c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.AddUnique c) {
            return Optional.of(c.table());
        }
        if (change instanceof SchemaChange.ModifyTable c) {
            return Optional.of(c.after().qualifiedName());
        }
        return Optional.empty();
    }
}
