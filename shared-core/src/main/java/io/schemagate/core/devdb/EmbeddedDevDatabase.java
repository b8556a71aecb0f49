package io.schemagate.core.devdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code embedded://postgres/MAJOR}: a private PostgreSQL server ({@link EmbeddedServer}) from the bundled or
 * downloaded binaries, started for this run and removed by {@link #close()}, also when the JVM dies. Its base cache
 * is the server's ({@link TemplateEntries}) plus the stopped cluster itself: a run that stored a base keeps the data
 * directory as a snapshot under the cache directory ({@link DataDirSnapshots}), and the next run starts from a copy.
 */
final class EmbeddedDevDatabase extends OwnServerDevDatabase {

    private final EmbeddedUrl url;
    private final EmbeddedServer server;
    private int versionNumber;
    /** A base was stored (or an unsound one dropped) in this run's cluster: keep it when the run ends normally. */
    private volatile boolean keepCluster;

    private EmbeddedDevDatabase(EmbeddedUrl url, EmbeddedServer server) {
        this.url = url;
        this.server = server;
    }

    static DevDatabase open(EmbeddedUrl url, DevSettings settings) throws DevDatabaseException {
        ServerLauncher launcher = ServerLauncher.forCurrentUser();
        RunBase base = RunBase.forCurrentUser();
        Path cache = CacheDir.resolveTrusted();
        PgArchive archive = EmbeddedBinaries.resolve(url.major(), Platform.current(), cache, MavenRepository.fromEnvironment());
        BinariesCache binaries = new BinariesCache(cache);
        Path installation = binaries.unpack(archive);
        binaries.removeUnusedBesides(installation).forEach(unused -> DataDirSnapshots.forget(cache, unused));
        EmbeddedDevDatabase embedded = new EmbeddedDevDatabase(url, new EmbeddedServer(installation, url.major(), launcher, base,
                settings.baseCache() && !settings.privileged() ? DataDirSnapshots.forInstallation(cache, installation) : null,
                MemoryRunBase.forCurrentUser()));
        embedded.guard(); // before the server exists: a signal during the start still stops it
        try {
            embedded.server.start();
            embedded.connect(settings);
        } catch (DevDatabaseException e) {
            embedded.close();
            Optional<String> stopped = embedded.stopped();
            throw stopped.isPresent() ? new DevDatabaseException(stopped.get(), e) : e;
        }
        return embedded;
    }

    /**
     * The server's superuser makes the run's role and scratch database, as on any server: migrations never replay
     * as the superuser, so they cannot run programs or read files as the OS user schemagate runs as.
     */
    private void connect(DevSettings settings) throws DevDatabaseException {
        PostgresUrl superuser = server.superuserUrl();
        PostgresUrl target = new PostgresUrl(superuser.scheme(), superuser.user(), superuser.password(), superuser.host(),
                superuser.port(), superuser.database(), superuser.parameters(), url.searchPath());
        openRun(target, settings);
        run().serverThrownAway();
        try {
            versionNumber = PgSession.serverVersionNumber(connection());
        } catch (SQLException e) {
            throw ConnectFailure.working("cannot use embedded PostgreSQL " + url.major(), target, e);
        }
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + PgSession.versionText(versionNumber);
    }

    @Override
    public Optional<BaseCache> baseCache() {
        return run().baseCache().map(serverCache -> new BaseCache() {
            @Override
            public Lookup restore(BaseKey key) throws DevDatabaseException {
                Lookup lookup = serverCache.restore(key);
                keepCluster |= lookup == Lookup.UNSOUND;
                return lookup;
            }

            @Override
            public Stored store(BaseKey key) throws DevDatabaseException {
                Stored stored = serverCache.store(key);
                keepCluster |= stored.kept();
                return stored;
            }
        });
    }

    @Override
    public Optional<String> stopped() {
        return server.stopped().map(why -> "embedded PostgreSQL " + url.major() + ": " + why);
    }

    @Override
    public int serverMajorVersion() {
        return versionNumber / 10000;
    }

    private boolean holdsOnlyEntries() {
        try (java.sql.Connection superuser = PgSession.connect(server.superuserUrl())) {
            PgSession.housekeeping(superuser);
            return TemplateEntries.onlyEntries(superuser);
        } catch (SQLException e) {
            return false;
        }
    }

    /** For tests: the server behind this dev database. */
    EmbeddedServer server() {
        return server;
    }

    @Override
    protected void release(boolean abrupt) {
        if (!abrupt && keepCluster) {
            run().serverKept(); // drop the run's database and role, so the snapshot holds only the cache
            closeRun(false);
            if (holdsOnlyEntries()) {
                server.keep();
            }
        } else {
            closeRun(abrupt);
        }
        server.close(abrupt);
    }
}
