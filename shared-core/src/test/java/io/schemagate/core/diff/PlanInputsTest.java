package io.schemagate.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.FileKind;
import io.schemagate.core.migrate.MigrationFile;
import io.schemagate.core.plan.ViewOrder;
import io.schemagate.core.schema.View;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plan reads and decides before any database: the desired schema's files, the next versions, view order. */
class PlanInputsTest {
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aDesiredSchemaThatIsALinkIsRefusedAsAreLinksInItsFolder() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret"), "ghp_not_for_the_plan");
        Path link = Files.createSymbolicLink(temp.resolve("schema.sql"), secret);
        Path folder = Files.createDirectories(temp.resolve("schema"));
        Files.writeString(folder.resolve("1.sql"), "CREATE TABLE t (id int);\n");
        Files.createSymbolicLink(folder.resolve("2.sql"), secret);

        PlanException file = assertThrows(PlanException.class, () -> new DesiredSchema(link).files());
        PlanException inFolder = assertThrows(PlanException.class, () -> new DesiredSchema(folder).files());

        assertTrue(file.getMessage().endsWith("schema.sql: the desired schema is a symbolic link; only regular files"
                + " are read"), file.getMessage());
        assertTrue(inFolder.getMessage().contains("2.sql: not a regular file"), inFolder.getMessage());
    }

    private static List<MigrationFile> versions(String... versions) {
        return Arrays.stream(versions).map(v -> new MigrationFile(v + "_x.sql", v + "_x.sql", v, "x",
                FileKind.VERSIONED, null, new byte[0])).toList();
    }

    private static List<String> next(DirFormat format, int count, String... existing) throws PlanException {
        NextVersions versions = NextVersions.after(versions(existing), format, NOW);
        return IntStream.range(0, count).mapToObj(i -> versions.next()).toList();
    }

    @Test
    void nextVersionsFollowTheDirectorysStyleAndSortLast() throws Exception {
        DirFormat atlas = DirFormat.byId("atlas").orElseThrow();
        DirFormat goose = DirFormat.byId("goose").orElseThrow();
        assertEquals(List.of("20261205120000", "20261205120001"), next(atlas, 2));
        assertEquals(List.of("20300101000001"), next(atlas, 1, "20300101000000"), "never before the newest file");
        assertEquals(List.of("0004", "0005"), next(atlas, 2, "0001", "0003"));
        assertEquals(List.of("10"), next(goose, 1, "8", "9"), "goose compares numbers");
        PlanException text = assertThrows(PlanException.class, () -> next(atlas, 1, "8", "9"));
        assertTrue(text.getMessage().contains("10 would sort before 9"), text.getMessage());
        assertEquals(List.of("20241399000001"), next(goose, 1, "20241399000000"), "not a date: a number");
        assertEquals(List.of("202401011200002"), next(goose, 1, "202401011200001"), "longer than a timestamp");
    }

    @Test
    void thousandsOfViewsAreOrderedByWhatTheyRead() {
        List<View> chain = new ArrayList<>();
        for (int i = 2000; i >= 1; i--) { // v2000 reads v1999 … v2 reads v1, given last first
            chain.add(new View(0, "", "v" + i, i == 1 ? "select 1" : "select * from \"v" + (i - 1) + "\"", null,
                    List.of(), List.of()));
        }

        List<String> order = ViewOrder.forCreation(chain).stream().map(View::name).toList();

        assertEquals(IntStream.rangeClosed(1, 2000).mapToObj(i -> "v" + i).toList(), order);
    }
}
