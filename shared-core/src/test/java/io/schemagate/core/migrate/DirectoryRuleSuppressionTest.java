package io.schemagate.core.migrate;

import static io.schemagate.core.migrate.Fixtures.dir;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.List;

/** Of the directory rules, only DI508 and DI513 may be suppressed, by naming them in the file's header. */
class DirectoryRuleSuppressionTest {
    @TempDir
    Path root;

    @Test
    void headerNamingTheCodeSuppressesDi508AndDi513Only() throws Exception {
        MigrationDir d = dir(root,
                "1_a.sql", "-- atlas:nolint DI508 -- legacy numbering, kept for history\n\nCREATE TABLE a (id int);\n",
                "10_b.sql", "CREATE TABLE b (id int);\n",
                "2_c.sql", "-- nothing to run yet\n",
                "3_d.sql", "-- atlas:nolint DI513\n",
                "4_e.sql", "-- atlas:nolint\n");
        DirectoryHasher.hash(d, new AtlasFormat());
        List<String> where = DirectoryValidator.validate(d, new AtlasFormat(), Dialect.POSTGRES).diagnostics().stream()
                .map(x -> x.code() + " " + x.file()).toList();
        assertEquals(List.of("DI513 2_c.sql", "DI513 4_e.sql"), where,
                "DI508 on 1_a.sql (it sorts after 10_b.sql as text) and DI513 on 3_d.sql are suppressed by name; a bare nolint does not cover DI rules");
    }
}
