package io.schemagate.core.devdb;

import java.sql.SQLException;
import java.util.Map;

/**
 * {@code docker://postgres/TAG[/DB]}: a container of the official {@code postgres} image ({@link DatabaseContainer},
 * through Testcontainers), whose superuser sets up the run like on any server; the container is force-removed by
 * {@link #close()} and by the shutdown hook on SIGINT/SIGTERM.
 */
final class ContainerDevDatabase extends OwnServerDevDatabase {

    private final DockerUrl url;
    private final DatabaseContainer container;
    private int versionNumber;

    private ContainerDevDatabase(DockerUrl url) {
        this.url = url;
        this.container = DatabaseContainer.of(url);
    }

    static DevDatabase open(DockerUrl url, DevSettings settings) throws DevDatabaseException {
        if (url.kind() != DockerUrl.Kind.POSTGRES) {
            // MySQL and MariaDB containers are the MySQL driver's (dialect.mysql.MysqlDriver).
            throw new IllegalArgumentException("not a PostgreSQL container: " + url.masked());
        }
        ContainerDevDatabase db = new ContainerDevDatabase(url);
        // Armed before the container exists: a signal during the start removes it by name.
        db.guard();
        try {
            DatabaseContainer.Login login = db.container.start();
            PostgresUrl superuser = new PostgresUrl("postgres", login.user(), login.password(), login.host(), login.port(),
                    login.database(), Map.of("sslmode", "disable", "connect_timeout", "5"), url.searchPath());
            db.openRun(superuser, settings);
            db.versionNumber = PgSession.serverVersionNumber(db.connection());
        } catch (DevDatabaseException e) {
            db.close();
            throw e;
        } catch (SQLException e) {
            db.close();
            throw new DevDatabaseException("cannot read the server version in the " + url.image() + " container: "
                    + OneLine.of(e.getMessage()), e);
        }
        return db;
    }

    @Override
    public String description() {
        return "container " + container.name() + " of " + url.image() + " (PostgreSQL " + PgSession.versionText(versionNumber) + ")";
    }

    @Override
    public int serverMajorVersion() {
        return versionNumber / 10000;
    }

    @Override
    protected void release(boolean abrupt) {
        closeRun(abrupt);
        container.close();
    }
}
