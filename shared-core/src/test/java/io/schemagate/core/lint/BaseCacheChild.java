package io.schemagate.core.lint;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.LintReport;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link EmbeddedBaseCacheTest} (so it gets its own {@code SCHEMAGATE_CACHE} and can be sent
 * SIGTERM): lints the directory {@code args[1]} (its last file new) on {@code args[0]} with the base cache on, saying
 * {@code BASE n} and {@code NEW n} as it goes and {@code DONE <dev database>} and a summary of the findings at the end.
 */
public final class BaseCacheChild {

    private BaseCacheChild() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[1]);
        LintRequest request = new LintRequest(new MigrationDir(path, "migrations"), new AtlasFormat(), new NewFiles.Latest(1),
                DevUrl.parse(args[0]), DevSettings.defaults(), Policy.DEFAULTS, Map.of(), true);
        LintReport report = MigrateLint.run(request, new Progress() {
            @Override
            public void baseFile(int number, int count, String file) {
                say("BASE " + number);
            }

            @Override
            public void newFile(int number, int count, String file) {
                say("NEW " + number);
            }
        });
        say("DONE " + report.devDatabase());
        report.diagnostics().forEach(d -> say(d.code() + " " + d.file() + ":" + d.position().line() + " " + d.message()));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
