package io.schemagate.core.diff;

import io.schemagate.core.plan.Plan;
import io.schemagate.core.plan.SchemaPlanner;
import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.SqliteUrl;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.dialect.DialectDriver;
import io.schemagate.core.dialect.Dialects;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.DirectoryLoader;
import io.schemagate.core.migrate.FileKind;
import io.schemagate.core.migrate.LoadedDirectory;
import io.schemagate.core.migrate.MigrationFile;
import io.schemagate.core.migrate.MigrationScript;
import io.schemagate.core.migrate.ScriptReader;
import io.schemagate.core.diff.PlanFiles.PlanFile;
import io.schemagate.core.replay.Failure;
import io.schemagate.core.replay.Replayer;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.NameIdentity;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.text.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code migrate diff} and {@code schema plan}: replay the directory on one scratch database and the desired schema on
 * another, inspect both, plan the difference, render it as the directory's next files, and check those files on the
 * first database: after them, nothing may differ from the desired schema except what the plan says it leaves to the
 * author.
 */
public final class MigrateDiff {
    private MigrateDiff() {
    }

    /**
     * @param name the next migration's name, e.g. {@code add_user_email}
     * @param now  the plan's version (a UTC timestamp)
     */
    public static DiffResult run(DiffRequest request, String name, Instant now)
            throws IOException, DevDatabaseException, PlanException {
        PlanFiles.checkName(name);
        if (request.devUrl() instanceof SqliteUrl sqlite && !sqlite.memory()) {
            throw new PlanException("a plan needs two dev databases and " + sqlite.masked() + " names one file: use"
                    + " sqlite://NAME?mode=memory");
        }
        DialectDriver driver = Dialects.forUrl(request.devUrl());
        if (request.desired().isDatabase() && Dialects.forUrl(request.desired().database()) != driver) {
            throw new PlanException("the desired schema " + request.desired().display() + " is a "
                    + Dialects.forUrl(request.desired().database()).sql().id() + " database, the dev database "
                    + driver.sql().id() + ": both must be of one kind");
        }
        LoadedDirectory loaded = DirectoryLoader.load(request.dir(), request.format(), driver.sql());
        Optional<Diagnostic> broken = loaded.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).findFirst();
        if (broken.isPresent()) {
            Diagnostic d = broken.get();
            throw new PlanException(d.file() + ":" + d.position().line() + ": " + d.message() + " (" + d.code()
                    + "); the directory must be valid before it can be extended (migrate validate lists every problem)");
        }
        try (DevDatabase current = driver.open(request.devUrl(), request.settings())) {
            SchemaPlanner planner = driver.planner(current).orElseThrow(() -> new PlanException("planning is not"
                    + " available for " + driver.sql().id() + " yet: it comes after PostgreSQL"));
            Replayer replayer = new Replayer(current.connection(), driver.inspector(current), driver.semantics());
            // The tool's own tables exist before its first file runs (Harbor's files alter golang-migrate's).
            replayer.prepare(driver.toolTables(request.format()));
            for (MigrationFile file : loaded.listing().files()) {
                MigrationScript script = loaded.script(file).orElseThrow(() ->
                        new PlanException(file.displayPath() + ": cannot be read"));
                Optional<Failure> failure = replayer.runBase(script);
                if (failure.isPresent()) {
                    throw new PlanException(file.displayPath() + ":" + failure.get().position().line() + ": "
                            + failure.get().explained() + " (the directory must replay before it can be extended)");
                }
            }
            Catalog before = driver.inspector(current).inspect(current.connection());
            if (request.desired().isDatabase()) {
                before = ToolObjects.without(before); // a migrated database has the tool's tables; neither side plans them
            }
            Catalog desired = desired(request, driver, driver.product(current));
            Plan plan = planner.plan(before, desired, request.options());
            if (plan.isEmpty()) {
                // Nothing to run; what the plan leaves to the author (its notes) still differs.
                List<SchemaChange> residual = SchemaDiff.diff(NameIdentity.of(before), NameIdentity.of(desired));
                return new DiffResult(plan, List.of(), residual, current.description());
            }
            List<String> header = header(request, plan);
            List<PlanFile> files = PlanFiles.render(plan, request.format(), name,
                    NextVersions.after(loaded.listing().files(), request.format(), now), header);
            try (StagedDirectory staged = StagedDirectory.of(request.dir(), request.format(), files)) {
                runPlanFiles(staged, request.format(), driver, replayer, files);
            }
            Catalog after = driver.inspector(current).inspect(current.connection());
            return new DiffResult(plan, files, SchemaDiff.diff(NameIdentity.of(after), NameIdentity.of(desired)),
                    current.description());
        } catch (SQLException e) {
            throw new PlanException("the dev database failed: " + e.getMessage(), e);
        }
    }

    /** The desired schema, run on a scratch database of its own and inspected there. */
    private static Catalog desired(DiffRequest request, DialectDriver driver, String devProduct)
            throws IOException, DevDatabaseException, PlanException, SQLException {
        if (request.desired().isDatabase()) {
            try (DevDatabase db = driver.openReadOnly(request.desired().database(), request.settings())) {
                // MySQL and MariaDB spell the same column differently (int vs int(11)): their catalogs never agree.
                String product = driver.product(db);
                if (!product.equals(devProduct)) {
                    throw new PlanException("the desired schema " + request.desired().display() + " is on " + product
                            + ", the dev database on " + devProduct + ": both must be on one product");
                }
                return ToolObjects.without(driver.inspector(db).inspect(db.connection()));
            }
        }
        try (DevDatabase db = driver.open(request.devUrl(), request.settings())) {
            Replayer replayer = new Replayer(db.connection(), driver.inspector(db), driver.semantics());
            DirFormat plain = DirFormat.byId("atlas").orElseThrow();
            for (Path path : request.desired().files()) {
                byte[] bytes = Files.readAllBytes(path);
                MigrationFile file = new MigrationFile(path.getFileName().toString(), path.toString(), "", "",
                        FileKind.VERSIONED, null, bytes);
                MigrationScript script;
                try {
                    script = ScriptReader.read(file, plain, driver.sql());
                } catch (SourceException e) {
                    throw new PlanException(e.getMessage(), e);
                }
                Optional<Failure> failure = replayer.runBase(script);
                if (failure.isPresent()) {
                    throw new PlanException(path + ":" + failure.get().position().line() + ": "
                            + failure.get().explained() + " (in the desired schema)");
                }
            }
            // The tool's tables are in the database the directory migrates, whether the desired schema says so or
            // not: created here too (IF NOT EXISTS, after a desired schema that has them already), so they are not
            // planned away, nor created by a migration the tool would then fail on.
            replayer.prepare(driver.toolTables(request.format()));
            return driver.inspector(db).inspect(db.connection());
        }
    }

    /** Runs the plan's files, as the directory's tool would, on the database that holds the directory's end state. */
    private static void runPlanFiles(StagedDirectory staged, DirFormat format, DialectDriver driver, Replayer replayer,
            List<PlanFile> files) throws IOException, PlanException, SQLException {
        LoadedDirectory loaded = DirectoryLoader.load(staged.dir, format, driver.sql());
        Set<String> added = files.stream().map(PlanFile::name).collect(Collectors.toSet());
        for (MigrationFile file : loaded.listing().files()) {
            if (!added.contains(file.name())) {
                continue;
            }
            MigrationScript script = loaded.script(file).orElseThrow(() -> new PlanException(file.name()
                    + ": the generated file does not load (a schemagate bug: please report it)"));
            Optional<Failure> failure = replayer.runBase(script);
            if (failure.isPresent()) {
                throw new PlanException(file.name() + ":" + failure.get().position().line() + ": the planned file"
                        + " fails on the dev database: " + failure.get().explained() + ". Some changes need SQL the"
                        + " catalogs cannot give (a type change whose USING conversion is your own): write that"
                        + " migration by hand; if this one should have worked, please report it with the desired schema");
            }
        }
    }

    /** What the files say about themselves, and the notes a reviewer needs. */
    private static List<String> header(DiffRequest request, Plan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("Planned by schemagate from " + request.desired().display() + ".");
        for (String note : plan.notes()) {
            lines.add("NOTE: " + note);
        }
        return lines;
    }
}
