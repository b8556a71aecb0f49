package io.schemagate.core.diff;

import io.schemagate.core.plan.Plan;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.DirectoryHasher;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.sum.SumFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plan as the files of a migration directory, named and marked the way the directory's tool expects: the version is
 * a UTC timestamp (one second later for the plan's second file, so it runs after), and a file that must run outside
 * a transaction carries the format's own switch for that.
 */
public final class PlanFiles {
    /** A file to write into the directory. */
    public record PlanFile(String name, String text) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private PlanFiles() {
    }

    /** Checks the name the user gave the migration: it becomes part of a file name. */
    public static String checkName(String name) throws PlanException {
        if (!NAME.matcher(name).matches()) {
            throw new PlanException("migration name \"" + name + "\": use letters, digits, '_' and '-' (up to 100),"
                    + " e.g. add_user_email");
        }
        return name;
    }

    /**
     * @param header comment lines for the top of each file (without the comment marker)
     */
    static List<PlanFile> render(Plan plan, DirFormat format, String name, NextVersions versions, List<String> header)
            throws PlanException {
        List<PlanFile> out = new ArrayList<>();
        List<Plan.PlannedFile> files = plan.files();
        for (int i = 0; i < files.size(); i++) {
            Plan.PlannedFile file = files.get(i);
            String fileName = file.role().isEmpty() ? name : name + "_" + file.role();
            out.addAll(render(format, versions, fileName, file, header));
        }
        return out;
    }

    private static List<PlanFile> render(DirFormat format, NextVersions versions, String name, Plan.PlannedFile file,
            List<String> header) throws PlanException {
        if (format.id().equals("golang-migrate")) {
            return golangMigrate(versions, name, file, header);
        }
        String version = versions.next();
        String comments = comments(header);
        String statements = statements(file);
        boolean tx = file.transactional();
        return switch (format.id()) {
            case "atlas" -> List.of(new PlanFile(version + "_" + name + ".sql",
                    (tx ? "" : "-- atlas:txmode none\n\n") + comments + statements));
            case "flyway" -> tx
                    ? List.of(new PlanFile("V" + version + "__" + name + ".sql", comments + statements))
                    : List.of(new PlanFile("V" + version + "__" + name + ".sql", comments + statements),
                            new PlanFile("V" + version + "__" + name + ".sql.conf", "executeInTransaction=false\n"));
            case "goose" -> List.of(new PlanFile(version + "_" + name + ".sql", (tx ? "" : "-- +goose NO TRANSACTION\n")
                    + "-- +goose Up\n" + comments + statements));
            case "dbmate" -> List.of(new PlanFile(version + "_" + name + ".sql", "-- migrate:up"
                    + (tx ? "" : " transaction:false") + "\n" + comments + statements + "\n-- migrate:down\n"));
            default -> throw new PlanException("migrate diff writes atlas, flyway, goose, dbmate and golang-migrate"
                    + " files; a " + format.id() + " directory gets its next changeset by hand (schema plan prints it)");
        };
    }

    /**
     * golang-migrate sends a file as one query, which PostgreSQL runs as one transaction: a statement that must run
     * outside one gets a file of its own.
     */
    private static List<PlanFile> golangMigrate(NextVersions versions, String name, Plan.PlannedFile file,
            List<String> header) {
        String comments = comments(header);
        if (file.transactional() || file.statements().size() == 1) {
            return List.of(new PlanFile(versions.next() + "_" + name + ".up.sql", comments + statements(file)));
        }
        List<PlanFile> out = new ArrayList<>();
        List<Plan.PlannedStatement> statements = file.statements();
        for (int i = 0; i < statements.size(); i++) {
            out.add(new PlanFile(versions.next() + "_" + name + "_" + (i + 1) + ".up.sql",
                    comments + statements.get(i).sql() + ";\n"));
        }
        return out;
    }

    private static String comments(List<String> header) {
        return header.stream().map(line -> "-- " + Plan.oneLine(line) + "\n").reduce("", String::concat);
    }

    private static String statements(Plan.PlannedFile file) {
        StringBuilder text = new StringBuilder();
        for (Plan.PlannedStatement statement : file.statements()) {
            text.append(text.isEmpty() ? "" : "\n").append(statement.sql()).append(";\n");
        }
        return text.toString();
    }

    /**
     * Adds the files to {@code dir}, never replacing one, then re-hashes {@code atlas.sum} where the directory keeps
     * one. Each file appears whole (written aside, then moved in) and readable like the directory's other files.
     */
    public static void write(MigrationDir dir, DirFormat format, List<PlanFile> files) throws IOException {
        for (PlanFile file : files) {
            Path target = dir.path().resolve(file.name());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " already exists");
            }
        }
        Set<PosixFilePermission> permissions = siblingPermissions(dir.path());
        for (PlanFile file : files) {
            Path target = dir.path().resolve(file.name());
            Path temp = Files.createTempFile(dir.path(), ".schemagate-", ".tmp");
            try {
                Files.writeString(temp, file.text());
                if (permissions != null) {
                    Files.setPosixFilePermissions(temp, permissions); // a temp file is private (0600)
                }
                Files.move(temp, target); // no REPLACE_EXISTING: a file that appeared meanwhile is kept
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        if (format.requiresSum() || Files.exists(dir.path().resolve(SumFile.FILE_NAME))) {
            DirectoryHasher.hash(dir, format);
        }
    }

    /** The permissions of a file already in the directory, or rw-r--r--; null where the file system has none. */
    private static Set<PosixFilePermission> siblingPermissions(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return null;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).findFirst()
                    .map(p -> {
                        try {
                            return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                        } catch (IOException e) {
                            return null;
                        }
                    })
                    .orElse(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
