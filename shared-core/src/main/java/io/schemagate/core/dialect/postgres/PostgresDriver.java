package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.ExistingDatabase;
import io.schemagate.core.devdb.PostgresUrl;
import io.schemagate.core.dialect.DialectDriver;
import io.schemagate.core.dialect.ToolTables;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.plan.SchemaPlanner;
import io.schemagate.core.replay.Inspector;
import io.schemagate.core.replay.ReplaySemantics;
import io.schemagate.core.replay.StatementProbe;
import io.schemagate.core.sql.Dialect;
import java.util.List;
import java.util.Optional;

/** PostgreSQL 14–18: a service, the embedded default or a container; transactional DDL; lock and rewrite rules. */
public final class PostgresDriver implements DialectDriver {
    private static final List<Analyzer> ANALYZERS =
            List.of(new PostgresLocking(), new LocksOnOtherTables(), new LongExclusiveLocks(),
                    new UnindexedForeignKeys(), new MaintenanceStatements(), new ObservedRewrites(),
                    new StatementGrouping(), new LockTimeouts(), new TimeoutOverrides());
    private static final ReplaySemantics SEMANTICS = new ReplaySemantics(true, true, false);
    private static final ToolTables TOOL_TABLES = new ToolTables(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
            "CREATE TABLE IF NOT EXISTS goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL,"
                    + " is_applied boolean NOT NULL, tstamp timestamp NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY)");

    @Override
    public Dialect sql() {
        return Dialect.POSTGRES;
    }

    @Override
    public DevDatabase open(DevUrl url, DevSettings settings) throws DevDatabaseException {
        return DevDatabase.open(url, settings);
    }

    @Override
    public ReplaySemantics semantics() {
        return SEMANTICS;
    }

    @Override
    public DevDatabase openReadOnly(DevUrl url, DevSettings settings) throws DevDatabaseException {
        if (url instanceof PostgresUrl postgres) {
            return ExistingDatabase.openReadOnly(postgres, settings);
        }
        throw new DevDatabaseException(url.masked() + ": an existing PostgreSQL database is read from postgres://…;"
                + " embedded and docker URLs start empty");
    }

    /** Reads the locks each statement of a new file takes (inside its transaction). */
    @Override
    public StatementProbe probe(DevDatabase db) {
        return new LockProbe();
    }

    @Override
    public Inspector inspector(DevDatabase db) {
        return new LockScopedInspector();
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
        return Optional.of(new PostgresPlanner(db.serverMajorVersion()));
    }
}
