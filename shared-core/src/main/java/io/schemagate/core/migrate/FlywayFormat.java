package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.sql.Dialect;
import io.schemagate.core.sum.SumFile;
import io.schemagate.core.sum.SumInput;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway: {@code V<version>__<desc>.sql} (versioned), {@code B…} (baseline), {@code R__<desc>.sql} (repeatable),
 * {@code U…} (undo, never run), found recursively with hidden folders skipped. Run order: the highest baseline,
 * the versioned files above it ascending, then repeatables by description. A {@code <script>.sql.conf} with
 * {@code executeInTransaction=false} turns the transaction off.
 *
 * <p>Versions compare numerically part by part, so {@code 1.10 > 1.9} and {@code 1.0 == 1}; Atlas compares
 * baselines as strings (rules.md §5, pitfall 6).
 */
public record FlywayFormat() implements DirFormat {
    private static final Pattern VERSIONED = Pattern.compile("^([VBU])(.+?)__(.*)\\.sql$");
    private static final Pattern REPEATABLE = Pattern.compile("^R__(.*)\\.sql$");
    private static final Pattern VERSION = Pattern.compile("[0-9]+(?:[._][0-9]+)*");

    /** A version as Flyway compares it: numeric parts, missing trailing parts are zero. */
    private record Version(List<BigInteger> parts) implements Comparable<Version> {
        static Version parse(String text) {
            List<BigInteger> parts = new ArrayList<>();
            for (String part : text.split("[._]")) {
                parts.add(VersionChecks.isNumber(part) ? new BigInteger(part) : BigInteger.ZERO);
            }
            while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
                parts.remove(parts.size() - 1);
            }
            return new Version(List.copyOf(parts));
        }

        @Override
        public int compareTo(Version other) {
            for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
                BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
                BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
                int c = a.compareTo(b);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    @Override
    public String id() {
        return "flyway";
    }

    @Override
    public Listing list(MigrationDir dir) throws IOException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<MigrationFile> versioned = new ArrayList<>();
        List<MigrationFile> baselines = new ArrayList<>();
        List<MigrationFile> repeatables = new ArrayList<>();
        List<MigrationFile> undos = new ArrayList<>();
        DirectoryEntries entries = new DirectoryEntries(dir);
        for (String name : sqlFiles(dir, entries)) {
            String base = name.substring(name.lastIndexOf('/') + 1);
            Matcher v = VERSIONED.matcher(base);
            Matcher r = REPEATABLE.matcher(base);
            if (r.matches()) {
                repeatables.add(file(dir, entries, name, "", r.group(1), FileKind.REPEATABLE));
            } else if (v.matches()) {
                if (!VERSION.matcher(v.group(2)).matches()) {
                    diagnostics.add(VersionChecks.badName(dir, name,
                            "Flyway versions are numbers separated by . or _ (e.g. V1.2__add_users.sql)"));
                }
                switch (v.group(1)) {
                    case "V" -> versioned.add(file(dir, entries, name, v.group(2), v.group(3), FileKind.VERSIONED));
                    case "B" -> baselines.add(file(dir, entries, name, v.group(2), v.group(3), FileKind.BASELINE));
                    default -> undos.add(file(dir, entries, name, v.group(2), v.group(3), FileKind.VERSIONED)); // never run on migrate
                }
            } else {
                diagnostics.add(VersionChecks.badName(dir, name,
                        "Flyway expects V<version>__<description>.sql, B…, U… or R__<description>.sql"));
            }
        }
        Comparator<MigrationFile> byVersion = Comparator.comparing(f -> Version.parse(f.version()));
        versioned.sort(byVersion.thenComparing(MigrationFile::name, SumFile.BYTE_ORDER));
        VersionChecks.duplicates(versioned, f -> Version.parse(f.version()), diagnostics);
        baselines.sort(byVersion.thenComparing(MigrationFile::name, SumFile.BYTE_ORDER));
        VersionChecks.duplicates(baselines, f -> Version.parse(f.version()), diagnostics);
        repeatables.sort(Comparator.comparing(MigrationFile::description).thenComparing(MigrationFile::name, SumFile.BYTE_ORDER));
        VersionChecks.duplicates(repeatables, MigrationFile::description, diagnostics);

        List<MigrationFile> run = new ArrayList<>();
        if (baselines.isEmpty()) {
            run.addAll(versioned);
        } else {
            MigrationFile baseline = baselines.get(baselines.size() - 1);
            Version floor = Version.parse(baseline.version());
            run.add(baseline);
            versioned.stream().filter(f -> Version.parse(f.version()).compareTo(floor) > 0).forEach(run::add);
        }
        run.addAll(repeatables);
        List<SumInput> hashed = run.stream().map(f -> new SumInput(f.name(), f.bytes())).toList();
        return new Listing(run, undos, hashed, diagnostics);
    }

    @Override
    public Layout layout(MigrationFile file, SourceText source, Dialect dialect) {
        Region whole = Region.section("file", 0, source.length(), file.txMode(), false);
        return new Layout(List.of(whole), List.of());
    }

    private static MigrationFile file(MigrationDir dir, DirectoryEntries entries, String name, String version,
                                      String description, FileKind kind) throws IOException {
        byte[] bytes = entries.read(name);
        return new MigrationFile(name, dir.displayOf(name), version, description.replace('_', ' '), kind,
                transactionSetting(entries.readIfPresent(name + ".conf")), bytes);
    }

    /** {@code executeInTransaction=false} in the script's {@code .sql.conf}. */
    private static TxMode transactionSetting(Optional<byte[]> conf) throws IOException {
        if (conf.isEmpty()) {
            return null;
        }
        Properties settings = new Properties();
        settings.load(new StringReader(new String(conf.get(), StandardCharsets.UTF_8)));
        String value = settings.getProperty("executeInTransaction");
        return value == null ? null : Boolean.parseBoolean(value.strip()) ? TxMode.FILE : TxMode.NONE;
    }

    /**
     * Every {@code *.sql} below the directory, hidden folders skipped, as relative paths with {@code /}. Links are
     * not followed into folders; a {@code *.sql} entry that is not a regular file is refused, not skipped.
     */
    private static List<String> sqlFiles(MigrationDir dir, DirectoryEntries entries) throws IOException {
        Path root = dir.path();
        List<String> names = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (d.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                if (d.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (d.getFileName().toString().endsWith(".sql")) {
                    entries.check(d, dir.displayOf(relative(d))); // refuses it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (f.getFileName().toString().endsWith(".sql")) {
                    entries.check(f, dir.displayOf(relative(f)));
                    names.add(relative(f));
                }
                return FileVisitResult.CONTINUE;
            }

            private String relative(Path p) {
                return root.relativize(p).toString().replace('\\', '/');
            }
        });
        names.sort(SumFile.BYTE_ORDER);
        return names;
    }
}
