package io.schemagate.core.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.plan.Plan.PlannedStatement;
import io.schemagate.core.plan.PlanOptions;
import io.schemagate.core.testing.LocalMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
                  updated_at timestamp(3) NULL DEFAULT NULL ON UPDATE current_timestamp(3) COMMENT 'set on \\\\every\\\\ update',
                  score decimal(10,2) COMMENT 'it''s never negative' CHECK (score >= 0),
                  email_lower varchar(255) GENERATED ALWAYS AS (lower(email)) STORED,
                  bio text,
                  UNIQUE KEY users_email (email),
                  KEY users_name_prefix (name(10), created_at DESC),
                  FULLTEXT KEY users_bio (bio)
                ) COMMENT 'People who sign in';
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
        assertTrue(plan.contains("ON UPDATE current_timestamp(3) COMMENT 'set on \\\\every\\\\ update'"), plan);
        assertTrue(plan.contains(") COMMENT = 'People who sign in'"), plan);
    }

    /**
     * MODIFY COLUMN restates the whole column, so what the model leaves out the server would drop: a column retyped
     * keeps its comment and ON UPDATE; comments alone change in place.
     */
    @Test
    void commentsAndOnUpdateSurviveAndChange() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE t (id int PRIMARY KEY,
                                at timestamp NULL ON UPDATE current_timestamp() COMMENT 'touched',
                                a int COMMENT 'a', b int, c int COMMENT 'c') COMMENT 'old';
                """);
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TABLE t (id int PRIMARY KEY,
                                at datetime NULL ON UPDATE current_timestamp() COMMENT 'touched',
                                a int COMMENT 'A', b int COMMENT 'b', c int,
                                d int COMMENT 'one\\n-- migrate:down\\nback\\\\slash \\'; --');
                """);
        assertTrue(plan.contains("ADD COLUMN `d` int(11) NULL COMMENT 'one\\n-- migrate:down\\nback\\\\slash ''; --';"), plan);
        assertTrue(plan.contains("MODIFY COLUMN `at` datetime NULL ON UPDATE current_timestamp() COMMENT 'touched'"), plan);
        assertTrue(plan.contains("MODIFY COLUMN `a` int(11) NULL COMMENT 'A'"), plan);
        assertTrue(plan.contains("MODIFY COLUMN `c` int(11) NULL;"), plan);
        assertTrue(plan.contains("ALTER TABLE `t` COMMENT = ''"), plan);
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

    /**
     * MySQL refuses to drop the index a foreign key uses, and drops the index it made for a foreign key by itself once
     * another serves the key: the old index goes in the ALTER that adds the new one, and an index redefined under its
     * own name is dropped and added in one ALTER (found on Kratos's history).
     */
    @Test
    void anIndexAForeignKeyUsesIsReplacedBeforeItGoes() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", """
                CREATE TABLE i (id int PRIMARY KEY);
                CREATE TABLE c (id int PRIMARY KEY, identity_id int, kind int, other_id int,
                                KEY identity_id (identity_id), KEY other (other_id),
                                CONSTRAINT c_identity FOREIGN KEY (identity_id) REFERENCES i (id),
                                CONSTRAINT c_other FOREIGN KEY (other_id) REFERENCES i (id));
                CREATE TABLE d (id int PRIMARY KEY, identity_id int, kind int, FOREIGN KEY (identity_id) REFERENCES i (id));
                CREATE TABLE e (id int PRIMARY KEY, parent_id int, KEY e_parent (parent_id),
                                CONSTRAINT e_parent_fk FOREIGN KEY (parent_id) REFERENCES i (id));
                CREATE TABLE f (a int NOT NULL, b int NOT NULL, CONSTRAINT f_a FOREIGN KEY (a) REFERENCES i (id));
                """);
        String plan = plans().planWriteAndReplan(dir, """
                CREATE TABLE i (id int PRIMARY KEY);
                CREATE TABLE c (id int PRIMARY KEY, identity_id int, kind int, other_id int,
                                KEY c_identity_kind (identity_id, kind), KEY other (other_id, kind),
                                CONSTRAINT c_identity FOREIGN KEY (identity_id) REFERENCES i (id),
                                CONSTRAINT c_other FOREIGN KEY (other_id) REFERENCES i (id));
                CREATE TABLE d (id int PRIMARY KEY, identity_id int, kind int, KEY d_identity_kind (identity_id, kind),
                                FOREIGN KEY (identity_id) REFERENCES i (id));
                CREATE TABLE e (id int PRIMARY KEY);
                CREATE TABLE f (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b),
                                CONSTRAINT f_a FOREIGN KEY (a) REFERENCES i (id));
                """);
        assertTrue(plan.contains("ALTER TABLE `c` ADD KEY `c_identity_kind` (`identity_id`,`kind`), DROP INDEX `identity_id`"),
                plan);
        assertTrue(plan.contains("ALTER TABLE `d` ADD KEY `d_identity_kind` (`identity_id`,`kind`), DROP INDEX `identity_id`"),
                plan);
        assertTrue(plan.contains("ALTER TABLE `c` DROP INDEX `other`, ADD KEY `other` (`other_id`,`kind`)"), plan);
        // A key dropped with its column needs no index; a primary key takes over the server's own index.
        assertTrue(plan.indexOf("DROP FOREIGN KEY `e_parent_fk`") < plan.indexOf("DROP INDEX `e_parent`"), plan);
        assertTrue(plan.indexOf("DROP INDEX `e_parent`") < plan.indexOf("DROP COLUMN `parent_id`"), plan);
        assertTrue(plan.contains("ALTER TABLE `f` ADD PRIMARY KEY (`a`,`b`), DROP INDEX `f_a`"), plan);
    }

    @Test
    void aColumnBecomesAutoIncrementAfterItsKeyExists() throws Exception {
        MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE t (id int NOT NULL, v int);\n");
        String plan = plans().planWriteAndReplan(dir, "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, v int);\n");
        assertTrue(plan.indexOf("ADD PRIMARY KEY") < plan.indexOf("AUTO_INCREMENT"), plan);
    }

    /**
     * The desired schema may be an existing database, read in a read-only session: the plan reaches it, the tool's
     * table there is left out, and nothing in it changes. A database of another kind than the dev database is refused.
     */
    @Test
    void theDesiredSchemaMayBeAnExistingDatabase() throws Exception {
        String name = "sg_test_desired_" + Long.toHexString(System.nanoTime());
        try (Connection admin = LocalMariaDb.admin(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            s.execute("CREATE TABLE " + name + ".users (id bigint PRIMARY KEY, email varchar(200) COMMENT 'sign-in')"
                    + " COMMENT 'people'");
            s.execute("CREATE TABLE " + name + ".schema_migrations (version bigint PRIMARY KEY, dirty boolean)");
        }
        try {
            MigrationDir dir = plans().directory("1_base.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
            DesiredSchema desired = DesiredSchema.parse(LocalMariaDb.URL + name);
            DiffRequest request = new DiffRequest(dir, new AtlasFormat(), desired, DevUrl.parse(LocalMariaDb.URL),
                    DevSettings.defaults(), PlanOptions.SAFE);

            DiffResult first = MigrateDiff.run(request, "next", PlanHarness.NOW);

            assertEquals(List.of(), first.residual(), PlanHarness.text(first));
            assertEquals(List.of("ALTER TABLE `users` ADD COLUMN `email` varchar(200) NULL COMMENT 'sign-in'",
                    "ALTER TABLE `users` COMMENT = 'people'"), first.plan().statements().stream()
                    .map(PlannedStatement::sql).toList(), PlanHarness.text(first));
            PlanFiles.write(dir, new AtlasFormat(), first.files());
            assertTrue(MigrateDiff.run(request, "next", PlanHarness.NOW).plan().isEmpty());
            try (Connection admin = LocalMariaDb.admin(); Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                         + name + "'")) {
                rs.next();
                assertEquals(2, rs.getInt(1), "the desired database is read, never changed");
            }

            PlanException mixed = assertThrows(PlanException.class, () -> MigrateDiff.run(new DiffRequest(dir,
                    new AtlasFormat(), desired, DevUrl.parse("sqlite://plan?mode=memory"), DevSettings.defaults(),
                    PlanOptions.SAFE), "next", PlanHarness.NOW));
            assertTrue(mixed.getMessage().contains("is a mysql database, the dev database sqlite"), mixed.getMessage());
            // A login that may not read view definitions would make the plan re-create views empty: refused.
            try (Connection admin = LocalMariaDb.admin(); Statement s = admin.createStatement()) {
                s.execute("CREATE VIEW " + name + ".people AS SELECT id FROM " + name + ".users");
                s.execute("CREATE USER '" + name + "'@'%' IDENTIFIED BY 'readerpw'");
                s.execute("GRANT SELECT ON " + name + ".* TO '" + name + "'@'%'");
            }
            DevDatabaseException blind = assertThrows(DevDatabaseException.class, () -> MigrateDiff.run(new DiffRequest(
                    dir, new AtlasFormat(), DesiredSchema.parse("mysql://" + name + ":readerpw@127.0.0.1:3306/" + name),
                    DevUrl.parse(LocalMariaDb.URL), DevSettings.defaults(), PlanOptions.SAFE), "next", PlanHarness.NOW));
            assertTrue(blind.getMessage().endsWith("the login may not read view definitions (grant it SHOW VIEW on the"
                    + " database)"), blind.getMessage());
            assertFalse(blind.getMessage().contains("readerpw"), blind.getMessage());

            PlanException unnamed = assertThrows(PlanException.class, () -> DesiredSchema.parse(LocalMariaDb.URL));
            assertTrue(unnamed.getMessage().contains("name the database whose schema is desired"), unnamed.getMessage());
        } finally {
            try (Connection admin = LocalMariaDb.admin(); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("DROP USER IF EXISTS '" + name + "'@'%'");
            }
        }
    }
}
