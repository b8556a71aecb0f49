package io.schemagate.core.corpus;

import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shared corpora as migration directories, the way the corpus tests (lint, plan) replay them. */
public final class CorpusDirectories {
    private static final Pattern HARBOR_UP_FILE = Pattern.compile("(\\d+)_.*\\.up\\.sql");

    private CorpusDirectories() {
    }

    /**
     * Temporal's versioned chain for one database ({@code root} e.g. {@code schema/postgresql/v12}) as a hashed atlas
     * directory under {@code parent}: the files the manifests list, in version order, each with the txmode header
     * that says what temporal-sql-tool does (it runs files without a transaction).
     */
    public static MigrationDir temporal(Path parent, String root, String database) throws IOException {
        Path versioned = SharedData.corpus("temporal").resolve(root).resolve(database).resolve("versioned");
        Path dir = Files.createDirectory(parent.resolve(root.replace('/', '-') + "-" + database));
        int n = 0;
        for (TemporalReplayTest.Version version : TemporalReplayTest.versions(versioned)) {
            for (Path file : TemporalReplayTest.manifestFiles(version)) {
                String name = String.format("%04d_v%d.%d_%s", ++n, version.major(), version.minor(), file.getFileName());
                Files.writeString(dir.resolve(name), "-- atlas:txmode none\n\n" + Files.readString(file));
            }
        }
        MigrationDir migrations = new MigrationDir(dir, database);
        DirectoryHasher.hash(migrations, new AtlasFormat());
        return migrations;
    }

    /**
     * Kratos's up migrations for one popx dialect ({@code postgres}, {@code mysql}, {@code sqlite3}), chosen and ordered
     * as SOURCE.md says, leaving out {@code skipped} file names and, unless null, every version from {@code endBefore}
     * on.
     */
    public static List<KratosMigrations.Migration> kratos(String dialect, Set<String> skipped, String endBefore)
            throws IOException {
        Path kratos = SharedData.corpus("kratos").resolve("persistence/sql/migrations/sql");
        return KratosMigrations.up(kratos, dialect).stream()
                .filter(m -> endBefore == null || m.version().compareTo(endBefore) < 0)
                .filter(m -> !skipped.contains(m.file().getFileName().toString()))
                .toList();
    }

    /**
     * Kratos migrations as a hashed atlas directory {@code parent/name}. popx runs .autocommit files outside a
     * transaction; versions exceed golang-migrate's uint64, so the copy is an Atlas directory (20-digit versions sort
     * the same as text) with the equivalent txmode header.
     */
    public static MigrationDir kratosAtlas(Path parent, String name, List<KratosMigrations.Migration> migrations)
            throws IOException {
        Path dir = Files.createDirectory(parent.resolve(name));
        for (KratosMigrations.Migration m : migrations) {
            String header = m.autocommit() ? "-- atlas:txmode none\n\n" : "";
            Files.writeString(dir.resolve(m.file().getFileName()), header + Files.readString(m.file()));
        }
        MigrationDir directory = new MigrationDir(dir, name);
        DirectoryHasher.hash(directory, new AtlasFormat());
        return directory;
    }

    /** Harbor's {@code .up.sql} files (golang-migrate), in numeric version order. */
    public static List<Path> harborUpFiles() throws IOException {
        Path dir = SharedData.corpus("harbor").resolve("make/migrations/postgresql");
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> HARBOR_UP_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CorpusDirectories::harborVersion))
                    .toList();
        }
    }

    /** The numeric version of a harbor {@code .up.sql} file. */
    public static long harborVersion(Path file) {
        Matcher m = HARBOR_UP_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return Long.parseLong(m.group(1));
    }
}
