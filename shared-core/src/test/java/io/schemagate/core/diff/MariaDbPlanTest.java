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
import io.schemagate.core.testing.LocalMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MySQL/MariaDB planner, end to end on the local MariaDB: plan, write the files, plan again → nothing left. Each
 * desired schema covers one family of objects and attributes.
 */
class MariaDbPlanTest {
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path temp;

    @BeforeAll
    static void server() {
        LocalMariaDb.require();
    }

    private MigrationDir directory(String... namesAndSql) throws Exception {
        Path path = Files.createTempDirectory(temp, "migrations");
        for (int i = 0; i < namesAndSql.length; i += 2) {
            Files.writeString(path.resolve(namesAndSql[i]), namesAndSql[i + 1]);
        }
        MigrationDir dir = new MigrationDir(path, "migrations");
        DirectoryHasher.hash(dir, new AtlasFormat());
        return dir;
    }

    private DiffResult diff(MigrationDir dir, String desiredSql) throws Exception {
        Path schema = Files.createTempFile(temp, "schema", ".sql");
        Files.writeString(schema, desiredSql);
        return MigrateDiff.run(new DiffRequest(dir, new AtlasFormat(), new DesiredSchema(schema),
                DevUrl.parse(LocalMariaDb.URL), DevSettings.defaults(), PlanOptions.SAFE), "next", NOW);
    }

    private String planWriteAndReplan(MigrationDir dir, String desiredSql) throws Exception {
        DiffResult first = diff(dir, desiredSql);
        assertEquals(List.of(), first.residual(), "the plan reaches the desired schema:\n" + text(first));
        assertFalse(first.files().isEmpty(), "there was something to plan");
        PlanFiles.write(dir, new AtlasFormat(), first.files());
        DiffResult second = diff(dir, desiredSql);
        assertTrue(second.plan().isEmpty(), "a second diff is empty, but planned:\n" + text(second) + "\nafter:\n"
                + text(first));
        return text(first);
    }

    private static String text(DiffResult result) {
        return result.files().stream().map(f -> "== " + f.name() + "\n" + f.text()).collect(Collectors.joining("\n"));
    }

    @Test
    void aWholeSchemaFromAnEmptyDirectory() throws Exception {
        String plan = planWriteAndReplan(directory(), """
                CREATE TABLE users (
                  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
                  email varchar(255) NOT NULL,
                  name varchar(100) COLLATE utf8mb4_bin DEFAULT 'nobody',
                  mood enum('sad','ok','happy') NOT NULL DEFAULT 'ok',
                  created_at timestamp NULL DEFAULT current_timestamp(),
                  score decimal(10,2) CHECK (score >= 0),
                  email_lower varchar(255) GENERATED ALWAYS AS (lower(email)) STORED,
                  bio text,
                  UNIQUE KEY users_email (email),
                  KEY users_name_prefix (name(10), created_at DESC),
                  FULLTEXT KEY users_bio (bio)
                );
                CREATE TABLE orders (
                  id int NOT NULL AUTO_INCREMENT,
                  user_id bigint unsigned NOT NULL,
                  total decimal(12,2) NOT NULL,
                  PRIMARY KEY (id),
                  CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
                  CONSTRAINT positive_total CHECK (total > 0)
                );
                CREATE VIEW active_users AS SELECT id, email FROM users WHERE email <> '';
                CREATE VIEW active_user_count AS SELECT count(*) AS n FROM active_users;
                """);
        assertTrue(plan.indexOf("CREATE TABLE `users`") < plan.indexOf("ADD CONSTRAINT `orders_user` FOREIGN KEY"), plan);
        assertTrue(plan.indexOf("CREATE VIEW `active_users`") < plan.indexOf("CREATE VIEW `active_user_count`"), plan);
        assertFalse(plan.contains("sg_dev_"), "no scratch database name in the plan: " + plan);
    }

    @Test
    void changesToExistingTables() throws Exception {
        MigrationDir dir = directory("1_base.sql", """
                CREATE TABLE users (id int PRIMARY KEY, email varchar(100), nick varchar(20), legacy int,
                                    status enum('a','b') DEFAULT 'a');
                CREATE TABLE orders (id int PRIMARY KEY, user_id int, amount int, KEY orders_amount (amount));
                CREATE TABLE old_things (id int PRIMARY KEY, user_id int,
                                         CONSTRAINT old_user FOREIGN KEY (user_id) REFERENCES users (id));
                CREATE VIEW user_emails AS SELECT id, email FROM users;
                """);
        String plan = planWriteAndReplan(dir, """
                CREATE TABLE users (id int PRIMARY KEY, email varchar(255) NOT NULL, nick varchar(20) DEFAULT 'x',
                                    status enum('a','b','c') DEFAULT 'c', CONSTRAINT email_shape CHECK (email LIKE '%@%'),
                                    UNIQUE KEY users_email (email));
                CREATE TABLE orders (id int PRIMARY KEY, user_id int, amount int NOT NULL, KEY orders_user (user_id),
                                     CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id));
                CREATE VIEW user_emails AS SELECT id, email, nick FROM users;
                """);
        assertTrue(plan.contains("ALTER TABLE `users` MODIFY COLUMN `email` varchar(255) NOT NULL"), plan);
        assertTrue(plan.indexOf("DROP FOREIGN KEY `old_user`") < plan.indexOf("DROP TABLE `old_things`")
                || plan.contains("DROP TABLE `old_things`"), plan);
        assertTrue(plan.contains("DROP INDEX `orders_amount`"), plan);
        assertTrue(plan.indexOf("DROP VIEW `user_emails`") < plan.indexOf("CREATE VIEW `user_emails`"), plan);
    }

    @Test
    void renamesAreNeverGuessed() throws Exception {
        MigrationDir dir = directory("1_base.sql", "CREATE TABLE t (id int PRIMARY KEY, full_name varchar(50));\n");

        DiffResult result = diff(dir, "CREATE TABLE t (id int PRIMARY KEY, display_name varchar(50));\n");

        assertEquals(List.of(), result.residual());
        assertTrue(result.plan().notes().stream().anyMatch(n -> n.contains("if that is a rename, write ALTER TABLE `t`"
                + " RENAME COLUMN `full_name` TO `display_name`")), result.plan().notes().toString());
    }

    @Test
    void aColumnBecomesAutoIncrementAfterItsKeyExists() throws Exception {
        MigrationDir dir = directory("1_base.sql", "CREATE TABLE t (id int NOT NULL, v int);\n");
        String plan = planWriteAndReplan(dir, "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, v int);\n");
        assertTrue(plan.indexOf("ADD PRIMARY KEY") < plan.indexOf("AUTO_INCREMENT"), plan);
    }
}
