package io.schemagate.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.plan.PlanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The planner's property, for the tests of each dialect: an atlas directory and a desired schema are planned on
 * {@code devUrl}, the plan's files are written into the directory, and planning again must find nothing left to do.
 *
 * @param temp   a temporary folder for directories and schema files
 * @param devUrl the dev database both sides run on
 */
record PlanHarness(Path temp, String devUrl) {
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    /** A directory of atlas files (name → SQL), hashed. */
    MigrationDir directory(String... namesAndSql) throws Exception {
        Path path = Files.createTempDirectory(temp, "migrations");
        for (int i = 0; i < namesAndSql.length; i += 2) {
            Files.writeString(path.resolve(namesAndSql[i]), namesAndSql[i + 1]);
        }
        MigrationDir dir = new MigrationDir(path, "migrations");
        DirectoryHasher.hash(dir, new AtlasFormat());
        return dir;
    }

    DiffResult diff(MigrationDir dir, String desiredSql) throws Exception {
        return diff(dir, desiredSql, PlanOptions.SAFE);
    }

    DiffResult diff(MigrationDir dir, String desiredSql, PlanOptions options) throws Exception {
        Path schema = Files.createTempFile(temp, "schema", ".sql");
        Files.writeString(schema, desiredSql);
        return MigrateDiff.run(new DiffRequest(dir, new AtlasFormat(), new DesiredSchema(schema), DevUrl.parse(devUrl),
                DevSettings.defaults(), options), "next", NOW);
    }

    String planWriteAndReplan(MigrationDir dir, String desiredSql) throws Exception {
        return planWriteAndReplan(dir, desiredSql, PlanOptions.SAFE);
    }

    /** Plans, writes the files, and plans again: the second plan must be empty. Returns the written files' text. */
    String planWriteAndReplan(MigrationDir dir, String desiredSql, PlanOptions options) throws Exception {
        DiffResult first = diff(dir, desiredSql, options);
        assertEquals(List.of(), first.residual(), "the plan reaches the desired schema:\n" + text(first));
        assertFalse(first.files().isEmpty(), "there was something to plan");
        PlanFiles.write(dir, new AtlasFormat(), first.files());
        DiffResult second = diff(dir, desiredSql, options);
        assertTrue(second.plan().isEmpty(), "a second diff is empty, but planned:\n" + text(second) + "\nafter:\n"
                + text(first));
        return text(first);
    }

    static String text(DiffResult result) {
        return result.files().stream().map(f -> "== " + f.name() + "\n" + f.text()).collect(Collectors.joining("\n"));
    }
}
