package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking keeps what the binaries need and refuses what would leave the target directory. */
class TarExtractorTest {

    @TempDir
    Path temp;

    /** One tar entry: a file (content), directory (name ends in /), or symlink (link). */
    private record Entry(String name, int mode, String content, String link) {
        static Entry file(String name, int mode, String content) {
            return new Entry(name, mode, content, null);
        }

        static Entry directory(String name) {
            return new Entry(name, 0755, null, null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, 0777, null, target);
        }
    }

    @Test
    void keepsModesAndSymlinksAndDropsSetIdBits() throws Exception {
        Path target = Files.createDirectory(temp.resolve("target"));
        int count = TarExtractor.extract(tar(
                Entry.directory("bin/"),
                Entry.file("bin/postgres", 04755, "#!binary"),
                Entry.file("lib/libpq.so.5.16", 0644, "library"),
                Entry.symlink("lib/libpq.so.5", "libpq.so.5.16"),
                Entry.directory("share/"),
                Entry.file("share/read-only", 0444, "x")), target);
        assertEquals(6, count);
        assertEquals("rwxr-xr-x", mode(target.resolve("bin/postgres")), "executable, without set-uid");
        assertEquals("rw-r--r--", mode(target.resolve("lib/libpq.so.5.16")));
        assertEquals("r--r--r--", mode(target.resolve("share/read-only")));
        assertTrue(Files.isSymbolicLink(target.resolve("lib/libpq.so.5")));
        assertEquals(Path.of("libpq.so.5.16"), Files.readSymbolicLink(target.resolve("lib/libpq.so.5")));
        assertEquals("library", Files.readString(target.resolve("lib/libpq.so.5")));
    }

    @Test
    void refusesEntriesLeavingTheTarget() throws Exception {
        assertRefused("points outside", Entry.file("../escaped", 0644, "x"));
        assertRefused("points outside", Entry.file("bin/../../escaped", 0644, "x"));
        assertRefused("points outside", Entry.symlink("lib/up", "../../escaped"));
        assertRefused("absolute path", Entry.symlink("lib/etc", "/etc"));
        // Each link stays inside when read alone; together they lead out, and a file written through them would too.
        assertRefused("through a link", Entry.directory("sub/"), Entry.symlink("sub/up", ".."),
                Entry.symlink("sub/up/up2", ".."), Entry.file("sub/up/up2/escaped", 0644, "x"));
        assertRefused("would replace the target directory", Entry.file(".", 0644, "x"));
        assertFalse(Files.exists(temp.resolve("escaped")));
    }

    @Test
    void refusesOverwritingAnEarlierEntryOrWritingThroughALink() throws Exception {
        Path outside = Files.writeString(temp.resolve("outside.txt"), "untouched");
        Path target = Files.createDirectory(temp.resolve("target"));
        Files.createSymbolicLink(target.resolve("planted"), outside);
        assertThrows(IOException.class, () -> TarExtractor.extract(tar(Entry.file("planted", 0644, "overwritten")), target));
        assertEquals("untouched", Files.readString(outside));
    }

    private void assertRefused(String reason, Entry... entries) throws Exception {
        Path target = Files.createTempDirectory(temp, "target");
        IOException e = assertThrows(IOException.class, () -> TarExtractor.extract(tar(entries), target));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static ByteArrayInputStream tar(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : List.of(entries)) {
                TarArchiveEntry tarEntry;
                if (entry.link() != null) {
                    tarEntry = new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
                    tarEntry.setLinkName(entry.link());
                } else {
                    // preserveAbsolutePath: the entry keeps the name as written, ../ and all.
                    tarEntry = new TarArchiveEntry(entry.name(), true);
                }
                tarEntry.setMode(entry.mode());
                byte[] content = entry.content() == null ? new byte[0] : entry.content().getBytes(StandardCharsets.UTF_8);
                if (entry.content() != null) {
                    tarEntry.setSize(content.length);
                }
                out.putArchiveEntry(tarEntry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
