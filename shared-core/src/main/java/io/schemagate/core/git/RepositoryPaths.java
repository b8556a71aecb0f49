package io.schemagate.core.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps the file names a report shows (relative to the working directory, as users named the directory) to the
 * repository-relative paths that pull/merge-request APIs and annotations use.
 */
public final class RepositoryPaths implements Function<String, Optional<String>> {
    private final Path top;

    private RepositoryPaths(Path top) {
        this.top = top;
    }

    /** The paths of the work tree holding {@code dir}, or empty when it is in none git will read. */
    public static Optional<RepositoryPaths> of(Path dir) {
        if (WorkTree.locate(dir.toAbsolutePath()) instanceof WorkTreeLookup.Found found) {
            return Optional.of(new RepositoryPaths(real(found.tree().top())));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> apply(String file) {
        Path path = real(Path.of(file));
        if (!path.startsWith(top)) {
            return Optional.empty();
        }
        return Optional.of(top.relativize(path).toString().replace('\\', '/'));
    }

    /** Symbolic links resolved where the file exists (git reports the real top; /tmp may be a link). */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            Path parent = absolute.getParent();
            return parent == null ? absolute : real(parent).resolve(absolute.getFileName());
        }
    }
}
