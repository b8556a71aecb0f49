package io.schemagate.core.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads committed or staged versions of files through the {@code git} command, when there is one and the
 * directory is in a work tree. Every failure (no git, not a repository, untracked file) is simply "not known".
 */
public final class GitFiles {
    private static final long TIMEOUT_SECONDS = 20;

    private GitFiles() {
    }

    /**
     * The content of {@code file} (relative to {@code dir}, with {@code /}) at {@code revision}: a commit such as
     * {@code HEAD}, or the empty string for the index (staged version).
     */
    public static Optional<byte[]> show(Path dir, String revision, String file) {
        ProcessBuilder builder = new ProcessBuilder(List.of("git", "-C", dir.toString(), "show", revision + ":./" + file))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException noGit) {
            return Optional.empty();
        }
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(out.toByteArray()) : Optional.empty();
        } catch (IOException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
