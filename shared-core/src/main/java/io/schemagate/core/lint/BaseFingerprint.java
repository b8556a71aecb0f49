package io.schemagate.core.lint;

import io.schemagate.core.devdb.BaseKey;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationScript;
import io.schemagate.core.sql.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The cache key of a base: everything on schemagate's side that decides what replaying it leaves in a dev database —
 * schemagate's version (how it replays), the dialect, the directory format and the tool's own tables created first,
 * and each replayed file's name (within the directory) and exact text, in run order. The dev database adds what is its own (server version,
 * login, search path) when it stores or looks up the entry.
 */
final class BaseFingerprint {

    private static final String VERSION = readVersion();

    private BaseFingerprint() {
    }

    static BaseKey of(Dialect dialect, DirFormat format, List<String> toolTables, List<MigrationScript> base) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(("schemagate base 1 " + VERSION).getBytes(StandardCharsets.UTF_8));
        parts.add(dialect.id().getBytes(StandardCharsets.UTF_8));
        parts.add(format.id().getBytes(StandardCharsets.UTF_8));
        parts.add(("tool tables " + toolTables.size()).getBytes(StandardCharsets.UTF_8));
        toolTables.forEach(sql -> parts.add(sql.getBytes(StandardCharsets.UTF_8)));
        parts.add(("files " + base.size()).getBytes(StandardCharsets.UTF_8));
        for (MigrationScript script : base) {
            parts.add(script.file().name().getBytes(StandardCharsets.UTF_8)); // within the directory, wherever it is
            parts.add(script.source().text().getBytes(StandardCharsets.UTF_8));
        }
        return BaseKey.of(parts);
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = BaseFingerprint.class.getResourceAsStream("/io/schemagate/core/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
