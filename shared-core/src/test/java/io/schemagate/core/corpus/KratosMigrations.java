package io.schemagate.core.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Ory Kratos's popx directory read as corpora/kratos/SOURCE.md says: which up file runs, per dialect, in what order. */
public final class KratosMigrations {
    /** {@code {version}_{name}[.{dialect}][.autocommit].{up|down}.sql} */
    private static final Pattern FILE_NAME = Pattern.compile(
            "(\\d{20})_(.+?)(?:\\.(postgres|mysql|sqlite3|sqlite|cockroach))?(\\.autocommit)?\\.(up|down)\\.sql");

    /** One file; {@code dialect} null when it is for every dialect, {@code sqlite} spelled {@code sqlite3}. */
    public record Migration(String version, String dialect, boolean autocommit, boolean up, Path file) {
    }

    private KratosMigrations() {
    }

    /** The recipe of SOURCE.md: per version the dialect's own file, else the generic one; ascending version. */
    public static List<Migration> up(Path dir, String dialect) throws IOException {
        Map<String, Migration> specific = new TreeMap<>();
        Map<String, Migration> generic = new TreeMap<>();
        for (Migration m : parseAll(dir)) {
            if (!m.up()) {
                continue;
            }
            Map<String, Migration> target = m.dialect() == null ? generic : dialect.equals(m.dialect()) ? specific : null;
            if (target != null) {
                Migration clash = target.put(m.version(), m);
                assertTrue(clash == null, () -> "two up files for " + dialect + " version " + m.version());
            }
        }
        Map<String, Migration> chosen = new TreeMap<>(generic); // 20-digit versions: string order = numeric order
        chosen.putAll(specific); // a dialect's own file replaces the generic one
        return List.copyOf(chosen.values());
    }

    private static List<Migration> parseAll(Path dir) throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(file -> {
                Matcher m = FILE_NAME.matcher(file.getFileName().toString());
                assertTrue(m.matches(), () -> file + " does not follow the popx file-name grammar");
                String dialect = "sqlite".equals(m.group(3)) ? "sqlite3" : m.group(3);
                return new Migration(m.group(1), dialect, m.group(4) != null, "up".equals(m.group(5)), file);
            }).collect(Collectors.toList());
        }
    }
}
