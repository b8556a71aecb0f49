package io.schemagate.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.plan.PlanOptions;
import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plan's files in each directory format: named and marked so the format's own listing runs them in order, the
 * second one outside a transaction; written, they bring the directory to the desired schema.
 */
class PlanFormatsTest {
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    static final String DESIRED = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text);
            CREATE INDEX users_email_idx ON users (email);
            """;

    @TempDir
    Path temp;

    @BeforeAll
    static void server() {
        LocalPostgres.require();
    }

    /** Format, the base file's name and text, and the names the plan's files get: the directory's own numbering. */
    static Stream<Arguments> formats() {
        String base = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
        return Stream.of(
                Arguments.of("atlas", "20260101000000_users.sql", base,
                        List.of("20261205120000_add_email.sql", "20261205120001_add_email_online.sql")),
                Arguments.of("flyway", "V1__users.sql", base, List.of("V2__add_email.sql",
                        "V3__add_email_online.sql", "V3__add_email_online.sql.conf")),
                Arguments.of("goose", "00001_users.sql", "-- +goose Up\n" + base,
                        List.of("00002_add_email.sql", "00003_add_email_online.sql")),
                Arguments.of("dbmate", "20260101000000_users.sql", "-- migrate:up\n" + base + "\n-- migrate:down\n",
                        List.of("20261205120000_add_email.sql", "20261205120001_add_email_online.sql")),
                Arguments.of("golang-migrate", "000001_users.up.sql", base,
                        List.of("000002_add_email.up.sql", "000003_add_email_online.up.sql")),
                // Versions compared as text: 2 would sort before a timestamp's 2026…, so the next number follows 1.
                Arguments.of("atlas", "1_users.sql", base, List.of("2_add_email.sql", "3_add_email_online.sql")));
    }

    private DiffResult diff(MigrationDir dir, DirFormat format) throws Exception {
        Path schema = temp.resolve("schema.sql");
        Files.writeString(schema, DESIRED);
        return MigrateDiff.run(new DiffRequest(dir, format, new DesiredSchema(schema), DevUrl.parse(LocalPostgres.URL),
                DevSettings.defaults(), PlanOptions.SAFE), "add_email", NOW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void theNextFilesRunInOrderAndReachTheDesiredSchema(String id, String baseName, String baseText,
            List<String> planned) throws Exception {
        DirFormat format = DirFormat.byId(id).orElseThrow();
        Path path = Files.createDirectories(temp.resolve(id + "-" + baseName));
        Files.writeString(path.resolve(baseName), baseText);
        MigrationDir dir = new MigrationDir(path, id);
        if (format.requiresSum()) {
            DirectoryHasher.hash(dir, format);
        }

        DiffResult first = diff(dir, format);

        assertEquals(List.of(), first.residual(), first.files().toString());
        assertEquals(planned, first.files().stream().map(PlanFiles.PlanFile::name).toList());
        assertTrue(first.files().stream().anyMatch(f -> f.text().contains("CREATE INDEX CONCURRENTLY")));
        PlanFiles.write(dir, format, first.files());
        assertTrue(diff(dir, format).plan().isEmpty(), "a second diff is empty");
    }

    @Test
    void liquibaseDirectoriesGetTheirChangesetByHand() throws Exception {
        Path path = Files.createDirectories(temp.resolve("liquibase"));
        Files.writeString(path.resolve("changelog.sql"),
                "--liquibase formatted sql\n--changeset me:1\nCREATE TABLE users (id bigint PRIMARY KEY);\n");
        MigrationDir dir = new MigrationDir(path, "liquibase");

        PlanException e = assertThrows(PlanException.class, () -> diff(dir, DirFormat.byId("liquibase").orElseThrow()));

        assertTrue(e.getMessage().contains("a liquibase directory gets its next changeset by hand"), e.getMessage());
    }
}
