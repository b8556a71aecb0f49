package io.schemagate.core.diff;

import java.io.IOException;
import java.nio.file.Files;
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
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new PlanException(path + ": the desired schema does not exist");
        }
        try (Stream<Path> entries = Files.list(path)) {
            List<Path> files = entries.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .filter(Files::isRegularFile).sorted().toList();
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
