package io.schemagate.core.dialect.mysql;

import io.schemagate.core.analyzer.Analyzer;
import io.schemagate.core.analyzer.Pass;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.replay.StatementRun;
import io.schemagate.core.schema.SchemaChange;
import java.util.regex.Pattern;

/**
 * MY102: a column-level {@code REFERENCES} in CREATE TABLE or ADD COLUMN. MySQL parses and ignores it, so no
 * foreign key exists although the file reads as if one did; MariaDB 10.5+ creates it, so no finding there. Seen on
 * the dev database: the statement names REFERENCES and no foreign key appeared.
 */
final class InlineReferences implements Analyzer {
    private static final Pattern REFERENCES = Pattern.compile("\\bREFERENCES\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE_LEVEL = Pattern.compile("\\bFOREIGN\\s+KEY\\b", Pattern.CASE_INSENSITIVE);

    private final MysqlServer server;

    InlineReferences(MysqlServer server) {
        this.server = server;
    }

    @Override
    public void analyze(Pass pass) {
        if (server.mariadb() && server.atLeast(10, 5)) {
            return;
        }
        for (StatementRun run : pass.statements()) {
            String text = run.statement().text();
            boolean inline = REFERENCES.matcher(text).find() && !TABLE_LEVEL.matcher(text).find();
            boolean madeKey = run.changes().stream().anyMatch(c -> c instanceof SchemaChange.AddForeignKey
                    || c instanceof SchemaChange.AddTable t && !t.table().foreignKeys().isEmpty());
            if (inline && !madeKey) {
                pass.report(Rule.MY102, run.statement(), server.product() + " ignores a column-level REFERENCES: no"
                                + " foreign key was created",
                        new Fix("Declare it at table level: FOREIGN KEY (column) REFERENCES other (id).", null));
            }
        }
    }
}
