package io.schemagate.core.testing;

import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.lint.LintRequest;
import io.schemagate.core.lint.MigrateLint;
import io.schemagate.core.migrate.AtlasFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.report.LintReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Lints one new atlas file on top of a base file on a given dev URL, the way users run {@code migrate lint --latest
 * 1}: for the tests of each dialect's rules.
 *
 * @param root   a temporary directory for the migration directories
 * @param devUrl the dev database
 * @param base   the already-applied file
 */
public record LintHarness(Path root, String devUrl, String base) {

    /** The whole report. */
    public LintReport report(String newFile) throws Exception {
        Path path = Files.createTempDirectory(root, "migrations");
        Files.writeString(path.resolve("1_base.sql"), base);
        Files.writeString(path.resolve("2_new.sql"), newFile);
        MigrationDir dir = new MigrationDir(path, "m");
        DirectoryHasher.hash(dir, new AtlasFormat());
        return MigrateLint.run(new LintRequest(dir, new AtlasFormat(), new NewFiles.Latest(1), DevUrl.parse(devUrl),
                DevSettings.defaults(), Policy.DEFAULTS, Map.of()));
    }

    /** {@code CODE line} per finding of the new file, in reading order. */
    public List<String> codes(String newFile) throws Exception {
        return report(newFile).diagnostics().stream().map(d -> d.code() + " " + d.position().line()).toList();
    }

    /** The findings of the new file. */
    public List<Diagnostic> findings(String newFile) throws Exception {
        return report(newFile).diagnostics();
    }
}
