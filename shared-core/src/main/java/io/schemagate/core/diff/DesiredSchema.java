package io.schemagate.core.diff;

import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.devdb.DevUrlException;
import io.schemagate.core.devdb.MysqlUrl;
import io.schemagate.core.devdb.PostgresUrl;
import io.schemagate.core.devdb.SqliteUrl;
import io.schemagate.core.devdb.UrlText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema a team declares: {@code file://schema.sql}, or {@code file://DIR} for the {@code .sql} files in a folder
 * (by name, not descending into sub-folders), which run on a dev database of their own and are inspected there; or an
 * existing database, read as it is and never changed: {@code postgres://…}, {@code mysql://…/DB},
 * {@code mariadb://…/DB} or {@code sqlite://FILE}, of the same kind as the dev database.
 *
 * @param path     the file or folder; null for a database
 * @param database the database; null for files
 */
public record DesiredSchema(Path path, DevUrl database) {
    private static final Pattern DATABASE_SCHEME = Pattern.compile("(postgres|postgresql|mysql|mariadb|sqlite)://.*");

    public DesiredSchema(Path path) {
        this(path, null);
    }

    /** {@code file://PATH}, a plain path, or a database URL. */
    public static DesiredSchema parse(String url) throws PlanException {
        if (url.startsWith("file://")) {
            return new DesiredSchema(Path.of(url.substring("file://".length())));
        }
        if (DATABASE_SCHEME.matcher(url).matches()) {
            try {
                DevUrl database = DevUrl.parse(url);
                if (database instanceof MysqlUrl mysql && mysql.database().isEmpty()) {
                    throw new PlanException("--to " + mysql.masked() + ": name the database whose schema is desired ("
                            + mysql.scheme() + "://HOST/DATABASE)");
                }
                if (database instanceof PostgresUrl || database instanceof MysqlUrl
                        || database instanceof SqliteUrl sqlite && !sqlite.memory()) {
                    return new DesiredSchema(null, database);
                }
            } catch (DevUrlException e) {
                throw new PlanException("--to: " + e.getMessage(), e);
            }
        }
        if (url.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new PlanException("--to " + UrlText.maskRaw(url) + ": the desired schema is file:// (a .sql file or a"
                    + " folder of them) or an existing database, read only: postgres://, mysql://, mariadb:// or"
                    + " sqlite://FILE");
        }
        return new DesiredSchema(Path.of(url));
    }

    /** Whether the schema is an existing database's (read as it is) rather than files to run. */
    public boolean isDatabase() {
        return database != null;
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

    /** How reports name it (a database's URL with its password masked). */
    public String display() {
        return database != null ? database.masked() : "file://" + path;
    }
}
