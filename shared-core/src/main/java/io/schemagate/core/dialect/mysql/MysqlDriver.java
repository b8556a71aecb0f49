package io.schemagate.core.dialect.mysql;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DatabaseContainer;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.DockerUrl;
import io.schemagate.core.devdb.EmbeddedMariaDbUrl;
import io.schemagate.core.devdb.MysqlUrl;
import io.schemagate.core.dialect.DialectDriver;
import io.schemagate.core.dialect.ToolTables;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.plan.SchemaPlanner;
import io.schemagate.core.replay.Inspector;
import io.schemagate.core.replay.ReplaySemantics;
import io.schemagate.core.replay.StatementProbe;
import io.schemagate.core.sql.Dialect;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MySQL 8 and MariaDB 10.11+: a service or the embedded MariaDB; DDL commits at once; online-DDL and implicit-fill
 * rules.
 */
public final class MysqlDriver implements DialectDriver {
    private static final ReplaySemantics SEMANTICS = new ReplaySemantics(false, false, true);
    private static final ToolTables TOOL_TABLES = new ToolTables(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
            "CREATE TABLE IF NOT EXISTS goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL,"
                    + " is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) NOT NULL PRIMARY KEY)");

    @Override
    public Dialect sql() {
        return Dialect.MYSQL;
    }

    @Override
    public DevDatabase open(DevUrl url, DevSettings settings) throws DevDatabaseException {
        if (url instanceof MysqlUrl mysql) {
            return MysqlDevDatabase.open(mysql, settings, mysql.masked());
        }
        if (url instanceof EmbeddedMariaDbUrl) {
            AtomicReference<EmbeddedMariaDb> server = new AtomicReference<>();
            return OwnServerMysqlDevDatabase.open(() -> {
                if (server.get() != null) {
                    server.get().close();
                }
            }, () -> {
                server.set(EmbeddedMariaDb.start());
                MariaDbLogin login = server.get().login();
                return new MysqlUrl("mariadb", login.user(), login.password(), login.host(), login.port(),
                        Optional.empty(), Map.of());
            }, settings, "embedded MariaDB");
        }
        if (url instanceof DockerUrl docker && docker.kind() != DockerUrl.Kind.POSTGRES) {
            DatabaseContainer container = DatabaseContainer.of(docker);
            return OwnServerMysqlDevDatabase.open(container, () -> {
                DatabaseContainer.Login login = container.start();
                return new MysqlUrl(docker.kind().image(), login.user(), login.password(), login.host(), login.port(),
                        Optional.empty(), Map.of());
            }, settings, docker.masked() + " (container " + container.name() + ")");
        }
        throw new IllegalArgumentException("not a MySQL dev URL: " + url.masked());
    }

    @Override
    public DevDatabase openReadOnly(DevUrl url, DevSettings settings) throws DevDatabaseException {
        if (url instanceof MysqlUrl mysql) {
            return ExistingMysqlDatabase.open(mysql, settings);
        }
        throw new DevDatabaseException(url.masked() + ": an existing MySQL or MariaDB database is read from mysql://…"
                + " or mariadb://…; embedded and docker URLs start empty");
    }

    @Override
    public String product(DevDatabase db) throws SQLException {
        return MysqlServer.of(db.connection()).product();
    }

    @Override
    public ReplaySemantics semantics() {
        return SEMANTICS;
    }

    @Override
    public StatementProbe probe(DevDatabase db) throws SQLException {
        return new AlgorithmProbe(MysqlServer.of(db.connection()));
    }

    @Override
    public Inspector inspector(DevDatabase db) throws SQLException {
        // The scratch database by name, read before any migration runs: a migration's USE must not redirect it.
        String database;
        try (java.sql.Statement s = db.connection().createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            database = rs.getString(1);
        }
        return connection -> MysqlInspector.inspect(connection, database);
    }

    @Override
    public List<String> toolTables(DirFormat format) {
        return TOOL_TABLES.of(format);
    }

    @Override
    public List<Analyzer> analyzers(DevDatabase db) throws SQLException {
        MysqlServer server = MysqlServer.of(db.connection());
        return List.of(new OnlineDdl(server), new ImplicitFill(server), new InlineReferences(server),
                new NonStrictNotNull(sqlMode(db.connection())), new NonInnodbTables());
    }

    /** The dev session's sql_mode before the file runs. */
    private static String sqlMode(java.sql.Connection connection) throws SQLException {
        try (java.sql.Statement s = connection.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            return rs.getString(1) == null ? "" : rs.getString(1);
        }
    }

    @Override
    public Optional<SchemaPlanner> planner(DevDatabase db) {
        return Optional.of(new MysqlPlanner());
    }
}
