package io.schemagate.core.corpus;

import io.schemagate.core.testing.SharedData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.core.corpus.ScratchDatabase.Applied;
import io.schemagate.core.corpus.ScratchDatabase.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Temporal's manifest-driven versioned directories and full {@code schema.sql} files (see corpora/temporal/SOURCE.md),
 * replayed into fresh databases.
 */
class TemporalReplayTest {
    private static final Pattern VERSION_DIR = Pattern.compile("v(\\d+)\\.(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Version(int major, int minor, Path dir) {
        static final Comparator<Version> ORDER = Comparator.comparingInt(Version::major).thenComparingInt(Version::minor);

        boolean after(String limit) {
            String[] parts = limit.split("\\.");
            return ORDER.compare(this, new Version(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), dir)) > 0;
        }
    }

    static Stream<Arguments> versionedChains() {
        // engine, database dir, last version to run ("" = all), files the manifests list up to there (SOURCE.md),
        // tables afterwards (temporal: the 37 of schema.sql plus cluster_metadata, which the chain never drops)
        return Stream.of(
                Arguments.of(Engine.POSTGRES, "schema/postgresql/v12/temporal", "", 25, 38),
                Arguments.of(Engine.POSTGRES, "schema/postgresql/v12/visibility", "", 15, 1),
                Arguments.of(Engine.MARIADB, "schema/mysql/v8/temporal", "", 26, 38),
                // From v1.2 on, visibility needs MySQL >= 8.0.17 (JSON ->> in generated columns, functional and
                // multi-valued indexes); MariaDB only runs v1.0 and v1.1 (SOURCE.md).
                Arguments.of(Engine.MARIADB, "schema/mysql/v8/visibility", "1.1", 2, 1));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("versionedChains")
    void versionedChainReplays(Engine engine, String database, String lastVersion, int expectedFiles, int tables)
            throws Exception {
        Path corpus = SharedData.corpus("temporal");
        List<Path> files = new ArrayList<>();
        for (Version version : versions(corpus.resolve(database).resolve("versioned"))) {
            if (lastVersion.isEmpty() || !version.after(lastVersion)) {
                files.addAll(manifestFiles(version));
            }
        }
        assertEquals(expectedFiles, files.size(), database + ": files listed by the manifests (SOURCE.md)");
        try (ScratchDatabase db = ScratchDatabase.create(engine)) {
            int statements = replay(db, corpus, files);
            assertEquals(tables, db.tableCount(), database + ": tables after the chain");
            System.out.printf("temporal %s on %s: %d/%d files, %d statements, %d tables%n",
                    database, engine.label, files.size(), files.size(), statements, tables);
        }
    }

    static Stream<Arguments> fullSchemas() {
        // engine, schema.sql, tables afterwards, SQLite objects by type (SOURCE.md: 37 tables; 11 tables, 59 indexes,
        // 3 triggers; the 39 indexes of temporal measured with the sqlite3 CLI)
        return Stream.of(
                Arguments.of(Engine.POSTGRES, "schema/postgresql/v12/temporal/schema.sql", 37, null),
                Arguments.of(Engine.POSTGRES, "schema/postgresql/v12/visibility/schema.sql", 1, null),
                Arguments.of(Engine.MARIADB, "schema/mysql/v8/temporal/schema.sql", 37, null),
                Arguments.of(Engine.SQLITE, "schema/sqlite/v3/temporal/schema.sql", 37, "index 39, table 37"),
                Arguments.of(Engine.SQLITE, "schema/sqlite/v3/visibility/schema.sql", 11, "index 59, table 11, trigger 3"));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("fullSchemas")
    void fullSchemaLoads(Engine engine, String schema, int tables, String sqliteObjects) throws Exception {
        Path corpus = SharedData.corpus("temporal");
        Path file = corpus.resolve(schema);
        try (ScratchDatabase db = ScratchDatabase.create(engine)) {
            int statements = replay(db, corpus, List.of(file));
            assertEquals(tables, db.tableCount(), schema + ": tables");
            if (engine == Engine.SQLITE) {
                assertEquals(sqliteObjects, db.queryString("SELECT group_concat(type || ' ' || n, ', ') FROM"
                        + " (SELECT type, count(*) AS n FROM sqlite_master GROUP BY type ORDER BY type)"),
                        schema + ": schema objects by type");
                db.assertSameSchemaAsSqliteExec(List.of(file));
            }
            System.out.printf("temporal %s on %s: %d statements, %d tables%n", schema, engine.label, statements, tables);
        }
    }

    /**
     * Applies each file without a transaction, as temporal-sql-tool does (it executes a file's statements one by one;
     * {@code combined_v1.10_v1.13.sql} uses {@code CREATE INDEX CONCURRENTLY}, which cannot run in a transaction).
     * Fails naming file, line and database error.
     */
    private static int replay(ScratchDatabase db, Path corpus, List<Path> files) throws Exception {
        int statements = 0;
        for (Path file : files) {
            Applied applied = db.apply(file, corpus.relativize(file).toString(), false);
            assertTrue(applied.ok(), () -> applied.failure().get());
            assertTrue(applied.statements() > 0, () -> file + " split into no statements");
            statements += applied.statements();
        }
        return statements;
    }

    /** The {@code vX.Y} directories, sorted numerically by (major, minor): v1.9 before v1.10. */
    static List<Version> versions(Path versioned) throws IOException {
        try (Stream<Path> listing = Files.list(versioned)) {
            return listing.map(dir -> {
                Matcher m = VERSION_DIR.matcher(dir.getFileName().toString());
                assertTrue(m.matches(), () -> "not a vX.Y version directory: " + dir);
                return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), dir);
            }).sorted(Version.ORDER).toList();
        }
    }

    /** Exactly the files in the manifest's {@code SchemaUpdateCqlFiles}, in that order. */
    static List<Path> manifestFiles(Version version) throws IOException {
        JsonNode manifest = JSON.readTree(version.dir().resolve("manifest.json").toFile());
        assertEquals(version.major() + "." + version.minor(), manifest.path("CurrVersion").asText(),
                () -> version.dir() + "/manifest.json: CurrVersion does not match the directory name");
        List<Path> files = new ArrayList<>();
        for (JsonNode name : manifest.path("SchemaUpdateCqlFiles")) {
            files.add(version.dir().resolve(name.asText()));
        }
        return files;
    }
}
