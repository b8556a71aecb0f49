package io.schemagate.core.dialect.sqlite;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.SqliteUrl;
import io.schemagate.core.dialect.DialectDriver;
import io.schemagate.core.dialect.ToolTables;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.plan.SchemaPlanner;
import io.schemagate.core.replay.Failure;
import io.schemagate.core.replay.Inspector;
import io.schemagate.core.replay.ReplaySemantics;
import io.schemagate.core.sql.Dialect;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** SQLite 3: an in-memory database or a scratch file; transactional DDL; the table-rebuild rules. */
public final class SqliteDriver implements DialectDriver {
    private static final ReplaySemantics SEMANTICS = new ReplaySemantics(true, false, true);
    private static final ToolTables TOOL_TABLES = new ToolTables(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version uint64 NOT NULL PRIMARY KEY, dirty bool NOT NULL)",
            "CREATE TABLE IF NOT EXISTS goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,"
                    + " is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))",
            "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY)");
    private static final Pattern ALTER_ADD_COLUMN = Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s.*\\bADD\\b");
    private static final Pattern ALTER_DROP_COLUMN = Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\s.*\\bDROP\\b");
    private static final List<Analyzer> ANALYZERS = List.of(new SqliteRebuilds(), new AddColumnOnRows());

    @Override
    public Dialect sql() {
        return Dialect.SQLITE;
    }

    @Override
    public DevDatabase open(DevUrl url, DevSettings settings) throws DevDatabaseException {
        if (url instanceof SqliteUrl sqlite) {
            return SqliteDevDatabase.open(sqlite, settings);
        }
        throw new IllegalArgumentException("not a SQLite dev URL: " + url.masked());
    }

    @Override
    public DevDatabase openReadOnly(DevUrl url, DevSettings settings) throws DevDatabaseException {
        if (url instanceof SqliteUrl sqlite) {
            return ExistingSqliteDatabase.open(sqlite, settings);
        }
        throw new IllegalArgumentException("not a SQLite URL: " + url.masked());
    }

    @Override
    public ReplaySemantics semantics() {
        return SEMANTICS;
    }

    /** SQLite refuses some ALTERs outright (even on an empty table): they need the table rebuild instead. */
    @Override
    public Optional<Rule> failureRule(Failure failure) {
        String text = failure.statement().text();
        if (ALTER_ADD_COLUMN.matcher(text).find()) {
            return Optional.of(Rule.LT501);
        }
        if (ALTER_DROP_COLUMN.matcher(text).find()) {
            return Optional.of(Rule.LT503);
        }
        return Optional.empty();
    }

    @Override
    public Inspector inspector(DevDatabase db) {
        return SqliteInspector::inspect;
    }

    @Override
    public List<String> toolTables(DirFormat format) {
        return TOOL_TABLES.of(format);
    }

    @Override
    public List<Analyzer> analyzers(DevDatabase db) {
        return ANALYZERS;
    }

    @Override
    public Optional<SchemaPlanner> planner(DevDatabase db) {
        return Optional.of(new SqlitePlanner());
    }
}
