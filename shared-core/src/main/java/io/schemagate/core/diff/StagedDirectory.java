package io.schemagate.core.diff;

import io.schemagate.core.devdb.DirectoryTree;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.diff.PlanFiles.PlanFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of a migration directory with the plan's files added (and {@code atlas.sum} brought up to date), so
 * the plan is checked and linted exactly as it would be once written, without touching the real directory. Only
 * regular files are copied; links are left out, as the loader would refuse them anyway.
 */
final class StagedDirectory implements AutoCloseable {
    final MigrationDir dir;
    private final Path root;

    private StagedDirectory(MigrationDir dir, Path root) {
        this.dir = dir;
        this.root = root;
    }

    static StagedDirectory of(MigrationDir source, DirFormat format, List<PlanFile> files) throws IOException {
        Path from = source.path().toRealPath(); // --dir may be a link to the directory (the command line is trusted)
        Path root = Files.createTempDirectory("schemagate-plan-");
        try {
            Path copy = root.resolve(from.getFileName() == null ? "migrations" : from.getFileName().toString());
            try (Stream<Path> tree = Files.walk(from)) {
                for (Path entry : (Iterable<Path>) tree::iterator) {
                    Path to = copy.resolve(from.relativize(entry).toString());
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(to);
                    } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(entry, to);
                    }
                }
            }
            MigrationDir staged = new MigrationDir(copy, source.display());
            PlanFiles.write(staged, format, files);
            return new StagedDirectory(staged, root);
        } catch (IOException | RuntimeException e) {
            DirectoryTree.delete(root);
            throw e;
        }
    }

    @Override
    public void close() {
        DirectoryTree.delete(root);
    }
}
