package io.schemagate.core.lint;

import io.schemagate.core.analyzer.Analysis;
import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.ReplayFailures;
import io.schemagate.core.devdb.BaseCache;
import io.schemagate.core.devdb.BaseKey;
import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.OutsideObject;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.dialect.DialectDriver;
import io.schemagate.core.dialect.Dialects;
import io.schemagate.core.history.History;
import io.schemagate.core.history.HistoryException;
import io.schemagate.core.history.HistoryResolver;
import io.schemagate.core.migrate.DirectoryLoader;
import io.schemagate.core.migrate.Listing;
import io.schemagate.core.migrate.LoadedDirectory;
import io.schemagate.core.migrate.MigrationFile;
import io.schemagate.core.migrate.MigrationScript;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.replay.Failure;
import io.schemagate.core.replay.FileRun;
import io.schemagate.core.replay.LockTimeline;
import io.schemagate.core.replay.ReplayException;
import io.schemagate.core.replay.Replayer;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.report.ChangeAt;
import io.schemagate.core.report.FileReport;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.text.Position;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code migrate lint}: load the directory, find the new files, replay base then new files on a dev database, and
 * report each new file's schema changes and every finding.
 */
public final class MigrateLint {
    private MigrateLint() {
    }

    public static LintReport run(LintRequest request)
            throws IOException, HistoryException, DevDatabaseException, ReplayException {
        return run(request, Progress.NONE);
    }

    /** As {@link #run(LintRequest)}, telling {@code progress} what it is doing. */
    public static LintReport run(LintRequest request, Progress progress)
            throws IOException, HistoryException, DevDatabaseException, ReplayException {
        DialectDriver driver = Dialects.forUrl(request.devUrl());
        Listing listing = request.format().list(request.dir());
        History history = HistoryResolver.resolve(request.dir(), request.format(), listing, request.selection(),
                request.env());
        if (history.added().isEmpty()) {
            return report(request, history, null, Map.of(), diagnostics(read(request, listing, driver), history));
        }
        progress.startingDevDatabase();
        LoadedDirectory loaded;
        DevDatabase opened;
        try (DevDatabaseStart start = new DevDatabaseStart(
                () -> driver.open(request.devUrl(), request.settings().withBaseCache(request.baseCache())))) {
            loaded = read(request, listing, driver); // while the dev database starts
            opened = start.get();
        }
        List<Diagnostic> diagnostics = diagnostics(loaded, history);
        Map<String, FileReport> files = new LinkedHashMap<>();
        String devDatabase;
        try (DevDatabase db = opened) {
            Replay replay = new Replay(loaded, db, driver, request.policy(), diagnostics, progress);
            String base = replay.base(history.base(), driver.toolTables(request.format()), request);
            failIfStopped(db);
            devDatabase = db.description() + base;
            List<MigrationFile> added = history.added();
            for (int i = 0; i < added.size(); i++) {
                progress.newFile(i + 1, added.size(), added.get(i).displayPath());
                files.put(added.get(i).displayPath(), replay.added(added.get(i)));
                failIfStopped(db);
            }
        } catch (SQLException e) {
            failIfStopped(opened);
            throw new ReplayException("the dev database failed during replay: " + e.getMessage(), e);
        }
        return report(request, history, devDatabase, files, diagnostics);
    }

    /** What failed after schemagate stopped the dev database failed for that reason, not because of the migration. */
    private static void failIfStopped(DevDatabase db) throws ReplayException {
        Optional<String> why = db.stopped();
        if (why.isPresent()) {
            throw new ReplayException(why.get(), null);
        }
    }

    private static LoadedDirectory read(LintRequest request, Listing listing, DialectDriver driver) throws IOException {
        return DirectoryLoader.load(request.dir(), request.format(), listing, driver.sql());
    }

    private static List<Diagnostic> diagnostics(LoadedDirectory loaded, History history) {
        List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
        diagnostics.addAll(history.diagnostics());
        return diagnostics;
    }

    /** New files first (run order), then every other file with a finding (atlas.sum, base files). */
    private static LintReport report(LintRequest request, History history, String devDatabase,
                                     Map<String, FileReport> replayed, List<Diagnostic> diagnostics) {
        Map<String, FileReport> files = new LinkedHashMap<>();
        for (MigrationFile file : history.added()) {
            FileReport run = replayed.getOrDefault(file.displayPath(), new FileReport(file.displayPath(), true, null,
                    List.of(), List.of()));
            files.put(file.displayPath(), run);
        }
        List<Diagnostic> findings = new ArrayList<>(request.policy().apply(diagnostics));
        findings.sort(Diagnostic.READING_ORDER);
        for (Diagnostic d : findings) {
            FileReport f = files.getOrDefault(d.file(), new FileReport(d.file(), false, null, List.of(), List.of()));
            List<Diagnostic> merged = new ArrayList<>(f.diagnostics());
            merged.add(d);
            files.put(d.file(), f.withDiagnostics(merged));
        }
        return new LintReport(request.dir().display(), request.format().id(), devDatabase, history.explanation(),
                new ArrayList<>(files.values()));
    }

    /** One replay: base files fast (or a copy of them from the cache), then new files inspected, stopping at the first failure. */
    private static final class Replay {
        private final LoadedDirectory loaded;
        private final DevDatabase db;
        private final DialectDriver driver;
        private final Policy policy;
        private final List<Diagnostic> diagnostics;
        private final Progress progress;
        /** Both are bound to the dev session, which changes when the base comes from or goes to the cache. */
        private Replayer replayer;
        private List<Analyzer> analyzers;
        private String stoppedAt;

        Replay(LoadedDirectory loaded, DevDatabase db, DialectDriver driver, Policy policy, List<Diagnostic> diagnostics,
               Progress progress) throws SQLException {
            this.loaded = loaded;
            this.db = db;
            this.driver = driver;
            this.policy = policy;
            this.diagnostics = diagnostics;
            this.progress = progress;
            bindSession();
        }

        private void bindSession() throws SQLException {
            replayer = new Replayer(db.connection(), driver.inspector(db), driver.semantics());
            replayer.probeNewStatements(driver.probe(db));
            replayer.beforeEachStatement(statement -> {
                db.statementStarting();
                progress.statement(statement.position().line());
            });
            analyzers = driver.analyzers(db);
        }

        /**
         * Brings the dev database to the end of the base: the tool's tables, then the base files from the last
         * checkpoint on (a checkpoint holds the whole schema before it), or a copy of both from the base cache.
         * Returns what to add to the dev database's description: where the base came from.
         */
        String base(List<MigrationFile> base, List<String> toolTables, LintRequest request)
                throws SQLException, DevDatabaseException {
            int from = 0;
            for (int i = 0; i < base.size(); i++) {
                if (loaded.script(base.get(i)).map(s -> s.directives().checkpoint()).orElse(false)) {
                    from = i;
                }
            }
            List<MigrationFile> replayed = base.subList(from, base.size());
            List<MigrationScript> scripts = replayed.stream().map(loaded::script).flatMap(Optional::stream).toList();
            Optional<BaseCache> cache = request.baseCache() && !replayed.isEmpty() && scripts.size() == replayed.size()
                    ? db.baseCache() : Optional.empty();
            String files = replayed.size() == 1 ? "1 file" : replayed.size() + " files";
            if (cache.isEmpty()) {
                replay(replayed, toolTables);
                return replayed.isEmpty() ? "" : "; base of " + files + " replayed"
                        + (!request.baseCache() ? " (cache off)" : db.baseCache().isEmpty() ? " (no base cache here)" : "");
            }
            BaseKey key = BaseFingerprint.of(driver.sql(), request.format(), toolTables, scripts);
            BaseCache.Lookup lookup = cache.get().restore(key);
            bindSession(); // a restore that fell back to an empty database has a new session too
            if (lookup == BaseCache.Lookup.HIT) {
                return "; base of " + files + " from the cache (" + key + ")";
            }
            int findings = diagnostics.size();
            replay(replayed, toolTables);
            if (stoppedAt != null || diagnostics.size() > findings) {
                return "; base of " + files + " replayed (not cached: it did not replay cleanly)";
            }
            BaseCache.Stored stored = cache.get().store(key);
            bindSession();
            String again = lookup == BaseCache.Lookup.UNSOUND ? " again (the cached copy was unsound)" : "";
            return "; base of " + files + " replayed" + (stored.kept() ? " and cached" + again + " (" + key + ")"
                    : " (" + stored.note() + ")");
        }

        private void replay(List<MigrationFile> replayed, List<String> toolTables) throws SQLException {
            replayer.prepare(toolTables);
            for (int i = 0; i < replayed.size(); i++) {
                MigrationFile file = replayed.get(i);
                progress.baseFile(i + 1, replayed.size(), file.displayPath());
                Optional<MigrationScript> script = loaded.script(file);
                if (script.isEmpty()) {
                    stoppedAt = file.displayPath() + " cannot be read";
                    return;
                }
                Optional<Failure> failure = replayer.runBase(script.get());
                reportOutsideChanges(file);
                if (failure.isPresent()) {
                    Failure f = failure.get();
                    diagnostics.add(Rule.DI510.at(file.displayPath(), f.position(),
                            "this already-applied file fails on the dev database: " + f.explained()
                                    + " (is the dev database like production, or was history rewritten?)"));
                    stoppedAt = file.displayPath();
                    return;
                }
            }
        }

        /** DI516 for what the file made on the server outside the dev database (possible only with privileges). */
        private void reportOutsideChanges(MigrationFile file) {
            for (OutsideObject object : db.outsideChanges()) {
                diagnostics.add(Rule.DI516.at(file.displayPath(), Position.START, "this file created " + object.kind() + " \""
                        + object.name() + "\" outside the dev database (" + (object.removed() ? "schemagate dropped it again"
                        : "schemagate could not drop it: remove it by hand") + ")"));
            }
        }

        FileReport added(MigrationFile file) throws SQLException {
            String name = file.displayPath();
            if (stoppedAt != null) {
                return new FileReport(name, true, "not replayed: replay stopped at " + stoppedAt, List.of(), List.of());
            }
            Optional<MigrationScript> script = loaded.script(file);
            if (script.isEmpty()) {
                stoppedAt = name;
                return new FileReport(name, true, "not replayed: the file cannot be read", List.of(), List.of());
            }
            FileRun run = replayer.runNew(script.get());
            reportOutsideChanges(file);
            Analysis.Outcome analysis = Analysis.of(run, policy, driver.sql(), analyzers);
            diagnostics.addAll(analysis.findings());
            List<ChangeAt> changes = new ArrayList<>();
            for (StatementRun statement : run.statements()) {
                for (SchemaChange change : statement.changes()) {
                    changes.add(new ChangeAt(change.kind(), change.object(), statement.statement().position().line()));
                }
            }
            String error = null;
            if (run.failed().isPresent()) {
                Failure f = run.failure();
                error = f.explained();
                diagnostics.add(driver.failureRule(f).map(rule -> ReplayFailures.of(script.get(), f, rule))
                        .orElseGet(() -> ReplayFailures.of(script.get(), f)));
                stoppedAt = name;
            }
            return new FileReport(name, true, error, changes, List.of(), analysis.suppressed(), LockTimeline.of(run));
        }
    }
}
