package io.schemagate.core.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads committed or staged versions of files through the {@code git} command, when there is one and the
 * directory is in a work tree. Every failure (no git, not a repository, untracked file) is simply "not known".
 */
public final class GitFiles {
    private GitFiles() {
    }

    /** Whether git tracks any file in {@code dir} (false without git, or outside a work tree). */
    public static boolean tracksAny(Path dir) {
        return GitProcess.run(dir, List.of("ls-files", "-z", "--", "."))
                .filter(GitOutput::succeeded)
                .map(out -> out.stdout().length > 0)
                .orElse(false);
    }

    /**
     * The content of {@code file} (relative to {@code dir}, with {@code /}) at {@code revision}: a commit such as
     * {@code HEAD}, or the empty string for the index (staged version).
     */
    public static Optional<byte[]> show(Path dir, String revision, String file) {
        return GitProcess.run(dir, List.of("show", revision + ":./" + file))
                .filter(GitOutput::succeeded)
                .map(GitOutput::stdout);
    }
}
