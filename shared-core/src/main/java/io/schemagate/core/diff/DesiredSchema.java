package io.schemagate.core.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The schema a team declares: {@code file://schema.sql}, or {@code file://DIR} for the {@code .sql} files in a folder
 * (by name, not descending into sub-folders). It runs on a dev database of its own and is inspected there.
 *
 * @param path the file or folder
 */
public record DesiredSchema(Path path) {

    /** {@code file://PATH} or a plain path. */
    public static DesiredSchema parse(String url) throws PlanException {
        if (url.startsWith("file://")) {
            return new DesiredSchema(Path.of(url.substring("file://".length())));
        }
        if (url.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new PlanException("--to " + url.replaceAll("//[^/@]*@", "//****@")
                    + ": only file:// (a .sql file or a folder of them) is supported as the desired schema");
        }
        return new DesiredSchema(Path.of(url));
    }

    /** The files to run, in order. */
    public List<Path> files() throws PlanException {
        // A pull request can commit schema.sql (or a file in the folder) as a link to any file the runner can read:
        // only regular files are read, as for migration directories.
        if (Files.isSymbolicLink(path)) {
            throw new PlanException(path + ": the desired schema is a symbolic link; only regular files are read");
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new PlanException(path + ": the desired schema does not exist");
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<Path> sql = entries.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
            for (Path file : sql) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PlanException(file + ": not a regular file (a symbolic link?); the desired schema is read"
                            + " only from regular files");
                }
            }
            List<Path> files = sql;
            if (files.isEmpty()) {
                throw new PlanException(path + ": no .sql file in the folder of the desired schema");
            }
            return files;
        } catch (IOException e) {
            throw new PlanException(path + ": cannot list the desired schema's folder (" + e.getMessage() + ")", e);
        }
    }

    /** How reports name it. */
    public String display() {
        return "file://" + path;
    }
}
