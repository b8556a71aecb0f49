package io.schemagate.core.replay;

import io.schemagate.core.migrate.MigrationScript;
import io.schemagate.core.migrate.Section;
import io.schemagate.core.migrate.TxMode;
import io.schemagate.core.schema.Catalog;
import io.schemagate.core.schema.RenamePairing;
import io.schemagate.core.schema.SchemaChange;
import io.schemagate.core.schema.SchemaDiff;
import io.schemagate.core.sql.Statement;
import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceText;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs migration files on the dev database the way their tool would: each section in its transaction mode. Base
 * files run fast; new files run statement by statement with the schema inspected after each, so every change is
 * attributed to the statement that made it.
 */
public final class Replayer {
    private final Connection connection;
    private final Inspector inspector;
    private final ReplaySemantics semantics;
    /** The schema after the last statement of a new file; null when a base file, a failure or prepare() came since. */
    private Catalog current;
    /** Set when a batch was stopped for running too long. */
    private Failure batchStopped;
    private Consumer<Statement> beforeEachStatement = statement -> { };
    private StatementProbe probe = StatementProbe.NONE;
    /** How long the last statement took to run on the dev database (its own execution, nothing around it). */
    private Duration lastElapsed = Duration.ZERO;

    public Replayer(Connection connection, Inspector inspector, ReplaySemantics semantics) {
        this.connection = connection;
        this.inspector = inspector;
        this.semantics = semantics;
    }

    /** Tells {@code listener} about each statement before it runs one at a time (progress on long replays). */
    public void beforeEachStatement(Consumer<Statement> listener) {
        beforeEachStatement = listener;
    }

    /** Lets {@code probe} look at the dev database before each statement of a new file. */
    public void probeNewStatements(StatementProbe probe) {
        this.probe = probe;
    }

    /** Runs statements that prepare the database the way the tool does before migrating (its own tables). */
    public void prepare(List<String> statements) throws SQLException {
        current = null;
        connection.setAutoCommit(true);
        for (String sql : statements) {
            try (java.sql.Statement s = connection.createStatement()) {
                s.setEscapeProcessing(false);
                s.execute(sql);
            }
        }
    }

    /** Runs an already-applied file without inspection. */
    public Optional<Failure> runBase(MigrationScript script) throws SQLException {
        current = null;
        List<Statement> applied = new ArrayList<>();
        for (Section section : script.sections()) {
            if (runAtOnce(script, section)) {
                applied.addAll(section.statements());
                continue;
            }
            if (batchStopped != null) {
                Failure stopped = batchStopped;
                batchStopped = null;
                return Optional.of(stopped.withApplied(applied));
            }
            Optional<Failure> failure = run(script, section, applied, statement -> { }, statement -> { });
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    /** Runs a new file statement by statement, inspecting the schema around each one. */
    public FileRun runNew(MigrationScript script) throws SQLException {
        List<StatementRun> runs = new ArrayList<>();
        // After a base file, a failure or prepare() nothing is known; after a new file, the inspector decides whether
        // what it saw last still holds (its commit may have run deferred triggers no later lock points at).
        current = current == null ? inspector.inspect(connection) : inspector.nextFile(connection, current);
        Catalog fileStart = current;
        List<Statement> applied = new ArrayList<>();
        List<Observation> observed = new ArrayList<>();
        for (Section section : script.sections()) {
            Optional<Failure> failure = run(script, section, applied, statement -> {
                observed.clear();
                observed.addAll(probe.before(connection, statement, current));
            }, statement -> {
                Duration elapsed = lastElapsed;
                observed.addAll(probe.after(connection, statement, !connection.getAutoCommit()));
                Catalog before = current;
                current = inspector.after(connection, before, observed);
                List<SchemaChange> changes = SchemaDiff.diff(before, current);
                if (semantics.namedIdentity()) {
                    changes = RenamePairing.pair(changes, statement.text());
                }
                runs.add(new StatementRun(statement, changes, observed, elapsed));
            });
            if (failure.isPresent()) {
                current = null; // the rollback undid part of what was inspected
                return new FileRun(script, fileStart, runs, failure.get());
            }
        }
        return new FileRun(script, fileStart, runs, null);
    }

    /**
     * Sends a transactional section as one query, one round trip instead of one per statement. On any error the
     * transaction is rolled back and the caller replays statement by statement to locate the failure.
     */
    private boolean runAtOnce(MigrationScript script, Section section) throws SQLException {
        if (!semantics.batches() || section.txMode() != TxMode.FILE || section.statements().size() < 2) {
            return false;
        }
        // A newline before each delimiter, so a statement ending in a -- comment cannot swallow it.
        String batch = section.statements().stream().map(Statement::text).collect(Collectors.joining("\n;\n"));
        connection.setAutoCommit(false);
        try (java.sql.Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(batch);
            connection.commit();
            return true;
        } catch (SQLException e) {
            rollbackQuietly();
            if (ServerError.from(e).stopped()) {
                // Statement by statement would run the endless statement again: report the file's first one.
                batchStopped = failure(script.source(), section.statements().get(0), e);
            }
            return false;
        } finally {
            autoCommitQuietly();
        }
    }

    /** A rollback that cannot fail: after a terminated session there is nothing to roll back. */
    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException gone) {
            // the session is gone; its transaction went with it
        }
    }

    private void autoCommitQuietly() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException gone) {
            // as above
        }
    }

    /** What to do before each statement, or after each one that succeeded. */
    @FunctionalInterface
    private interface EachStatement {
        void accept(Statement statement) throws SQLException;
    }

    /**
     * Runs one section; {@code applied} collects the file's statements that stay applied (committed) so far, so a
     * failure can say what a rerun must skip.
     */
    private Optional<Failure> run(MigrationScript script, Section section, List<Statement> applied,
                                  EachStatement before, EachStatement after) throws SQLException {
        boolean transactional = section.txMode() == TxMode.FILE;
        connection.setAutoCommit(!transactional);
        List<Statement> pending = new ArrayList<>();
        for (Statement statement : section.statements()) {
            beforeEachStatement.accept(statement);
            before.accept(statement);
            long started = System.nanoTime();
            try (java.sql.Statement s = connection.createStatement()) {
                s.setEscapeProcessing(false); // JDBC escapes like {fn …} are not SQL; send the text as written
                s.execute(statement.text());
                lastElapsed = Duration.ofNanos(System.nanoTime() - started);
            } catch (SQLException e) {
                if (transactional) {
                    rollbackQuietly();
                }
                autoCommitQuietly();
                return Optional.of(failure(script.source(), statement, e).withApplied(applied));
            }
            if (!transactional) {
                applied.add(statement);
            } else {
                pending.add(statement);
                if (!semantics.transactionalDdl() && ImplicitCommit.causedBy(statement)) {
                    applied.addAll(pending); // the server committed everything up to here
                    pending.clear();
                }
            }
            after.accept(statement);
        }
        if (transactional && !section.statements().isEmpty()) {
            try {
                connection.commit();
            } catch (SQLException e) {
                // The file left its transaction in a state that cannot commit (MySQL's XA START, …): a finding at its
                // last statement, not a failure of the dev database.
                rollbackQuietly();
                autoCommitQuietly();
                Statement last = section.statements().get(section.statements().size() - 1);
                Failure f = failure(script.source(), last, e);
                return Optional.of(new Failure(last, last.position(), "the file's transaction cannot commit: "
                        + f.message(), f.sqlState(), applied));
            }
            applied.addAll(pending);
        }
        connection.setAutoCommit(true);
        return Optional.empty();
    }

    /** The database's message, placed at the server's error position within the statement when it gives one. */
    static Failure failure(SourceText source, Statement statement, SQLException e) {
        ServerError error = ServerError.from(e);
        Position position = statement.position();
        String text = statement.text();
        if (error.position() > 0 && error.position() <= text.codePointCount(0, text.length())) {
            position = source.position(statement.start() + text.offsetByCodePoints(0, error.position() - 1));
        }
        return new Failure(statement, position, error.explained(), error.sqlState());
    }
}
