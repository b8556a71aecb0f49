package io.schemagate.core.dialect.postgres;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.dialect.DialectDriver;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.replay.Inspector;
import io.schemagate.core.sql.Dialect;
import java.util.List;

/** PostgreSQL 14–18: a service, the embedded default or a container; transactional DDL; lock and rewrite rules. */
public final class PostgresDriver implements DialectDriver {
    private static final List<Analyzer> ANALYZERS =
            List.of(new PostgresLocking(), new LockTimeouts(), new TimeoutOverrides());

    @Override
    public Dialect sql() {
        return Dialect.POSTGRES;
    }

    @Override
    public DevDatabase open(DevUrl url, DevSettings settings) throws DevDatabaseException {
        return DevDatabase.open(url, settings);
    }

    @Override
    public Inspector inspector() {
        return PostgresInspector::inspect;
    }

    @Override
    public List<String> toolTables(DirFormat format) {
        return PostgresToolTables.of(format);
    }

    @Override
    public List<Analyzer> analyzers() {
        return ANALYZERS;
    }
}
