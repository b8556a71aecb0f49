package io.schemagate.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.testing.LocalMariaDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MySQL/MariaDB planner, end to end on the local MariaDB: plan, write the files, plan again → nothing left. Each
 * desired schema covers one family of objects and attributes.
 */
class MariaDbPlanTest {
    @TempDir
    Path temp;

    @BeforeAll
    static void server() {
        LocalMariaDb.require();
    }

    private PlanHarness plans() {
        return new PlanHarness(temp, LocalMariaDb.URL);
    }

    @Test
    void aWholeSchemaFromAnEmptyDirectory() throws Exception {
        String plan = plans().planWriteAndReplan(plans().directory(), """
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
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE users (id int PRIMARY KEY, email varchar(100), nick varchar(20), legacy int,
                                    status enum('a','b') DEFAULT 'a');
                CREATE TABLE orders (id int PRIMARY KEY, user_id int, amount int, KEY orders_amount (amount));
                CREATE TABLE old_things (id int PRIMARY KEY, user_id int,
                                         CONSTRAINT old_user FOREIGN KEY (user_id) REFERENCES users (id));
                CREATE VIEW user_emails AS SELECT id, email FROM users;
                """);
        String plan = plans().planWriteAndReplan(dir, """
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
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE t (id int PRIMARY KEY, full_name varchar(50));\n");

        DiffResult result = plans().diff(dir, "CREATE TABLE t (id int PRIMARY KEY, display_name varchar(50));\n");

        assertEquals(List.of(), result.residual());
        assertTrue(result.plan().notes().stream().anyMatch(n -> n.contains("if that is a rename, write ALTER TABLE `t`"
                + " RENAME COLUMN `full_name` TO `display_name`")), result.plan().notes().toString());
    }

    @Test
    void aColumnBecomesAutoIncrementAfterItsKeyExists() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE t (id int NOT NULL, v int);\n");
        String plan = plans().planWriteAndReplan(dir, "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, v int);\n");
        assertTrue(plan.indexOf("ADD PRIMARY KEY") < plan.indexOf("AUTO_INCREMENT"), plan);
    }
}
