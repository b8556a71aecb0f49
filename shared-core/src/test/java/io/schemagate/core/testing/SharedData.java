package io.schemagate.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project-wide {@code shared/} folder that sits next to the Maven root ({@code <root>/../shared}).
 *
 * <p>Looked up, in order: env {@code SCHEMAGATE_SHARED}; system property {@code schemagate.root} (set by surefire to
 * the Maven root) + {@code ../shared}; the first {@code shared/} folder with a {@code corpora/} folder found walking
 * up from {@code user.dir}.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Optional<Path> locate() {
        String override = System.getenv("SCHEMAGATE_SHARED");
        if (override != null && !override.isBlank()) {
            return existing(Path.of(override));
        }
        String root = System.getProperty("schemagate.root");
        if (root != null && !root.isBlank()) {
            Optional<Path> found = existing(Path.of(root).resolve("../shared"));
            if (found.isPresent()) {
                return found;
            }
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/corpora"))) {
                return existing(dir.resolve("shared"));
            }
        }
        return Optional.empty();
    }

    /** The shared folder, or skips the calling test. */
    public static Path require() {
        Optional<Path> shared = locate();
        Assumptions.assumeTrue(shared.isPresent(), "../shared not found: corpus tests skipped");
        return shared.get();
    }

    /** {@code shared/corpora/<name>}, or skips the calling test. */
    public static Path corpus(String name) {
        Path corpus = require().resolve("corpora").resolve(name);
        Assumptions.assumeTrue(Files.isDirectory(corpus), corpus + " not found: corpus tests skipped");
        return corpus;
    }

    private static Optional<Path> existing(Path dir) {
        Path normal = dir.toAbsolutePath().normalize();
        return Files.isDirectory(normal) ? Optional.of(normal) : Optional.empty();
    }
}
