package io.schemagate.core.sum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.sum.SumMismatch.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vector 1 validation table of rules.md §4.5, plus the corners of §4.4. */
class SumVerifierTest {
    private static final String DOWN = "1_initial.down.sql";
    private static final String UP = "1_initial.up.sql";

    private final SumVectors.Vector v1 = SumVectors.vector1();

    private SumFile stored() throws SumFormatException {
        return SumFile.parse("atlas.sum", v1.expected().getBytes(StandardCharsets.UTF_8));
    }

    private static SumInput sql(String name, String content) {
        return new SumInput(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The directory as a format would list it: sorted by byte order. */
    private static List<SumInput> dir(SumInput... files) {
        List<SumInput> sorted = new ArrayList<>(Arrays.asList(files));
        sorted.sort((a, b) -> SumFile.BYTE_ORDER.compare(a.name(), b.name()));
        return sorted;
    }

    private SumMismatch mismatch(List<SumInput> directory) throws SumFormatException {
        Optional<SumMismatch> result = SumVerifier.verify(stored(), SumFile.compute(directory));
        assertTrue(result.isPresent(), "expected a mismatch");
        return result.get();
    }

    private String rule(SumMismatch m, List<SumInput> directory) throws SumFormatException {
        return m.rule(stored(), directory.stream().map(SumInput::name).toList());
    }

    @Test
    void unchangedDirectoryIsValid() throws Exception {
        assertEquals(Optional.empty(), SumVerifier.verify(stored(), SumFile.compute(v1.files())));
    }

    @Test
    void deletingBothFilesReportsTheFirstAsRemoved() throws Exception {
        List<SumInput> directory = dir();

        SumMismatch m = mismatch(directory);

        assertEquals(new SumMismatch(Reason.REMOVED, 2, 48, 2, DOWN), m);
        assertEquals("DI504", rule(m, directory));
    }

    @Test
    void appendingToTheUpFileReportsItEdited() throws Exception {
        List<SumInput> directory = dir(sql(DOWN, SumVectors.V1_DOWN), sql(UP, SumVectors.V1_UP + "something"));

        SumMismatch m = mismatch(directory);

        assertEquals(new SumMismatch(Reason.EDITED, 3, 115, 2, UP), m);
        assertEquals("DI503", rule(m, directory));
    }

    @Test
    void anUnhashedNewFileIsAddedAtTheEnd() throws Exception {
        List<SumInput> directory = dir(sql(DOWN, SumVectors.V1_DOWN), sql(UP, SumVectors.V1_UP), sql("2_second.sql", "stmt"));

        SumMismatch m = mismatch(directory);

        assertEquals(new SumMismatch(Reason.ADDED, 4, 180, 2, "2_second.sql"), m);
        assertEquals("DI505", rule(m, directory));
    }

    @Test
    void renameReportsTheNewNameAsAddedAndMapsToRemoved() throws Exception {
        List<SumInput> directory = dir(sql(DOWN, SumVectors.V1_DOWN), sql("1_first.up.sql", SumVectors.V1_UP));

        SumMismatch m = mismatch(directory);

        assertEquals(new SumMismatch(Reason.ADDED, 2, 48, 2, "1_first.up.sql"), m);
        assertEquals("DI504", rule(m, directory), "a stored name is missing, so this is a rename");
    }

    @Test
    void renameThenDeleteReportsTheOldNameRemoved() throws Exception {
        List<SumInput> directory = dir(sql(DOWN, SumVectors.V1_DOWN));

        SumMismatch m = mismatch(directory);

        assertEquals(new SumMismatch(Reason.REMOVED, 3, 115, 2, UP), m);
        assertEquals("DI504", rule(m, directory));
    }

    @Test
    void overwritingTheFirstThreeBytesIsAChecksumMismatch() {
        byte[] bytes = v1.expected().getBytes(StandardCharsets.UTF_8);
        System.arraycopy("foo".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 3);

        SumFormatException e = assertThrows(SumFormatException.class, () -> SumFile.parse("atlas.sum", bytes));

        assertEquals(SumFormatException.Kind.CHECKSUM, e.kind());
        assertEquals(1, e.position().line());
        assertEquals("atlas.sum:1:1: checksum mismatch: atlas.sum was edited by hand or merged badly; "
                + "run \"schemagate migrate hash\"", e.getMessage());
    }

    @Test
    void appendingFooWithoutLineFeedIsAFormatError() {
        byte[] bytes = (v1.expected() + "foo").getBytes(StandardCharsets.UTF_8);

        SumFormatException e = assertThrows(SumFormatException.class, () -> SumFile.parse("atlas.sum", bytes));

        assertEquals(SumFormatException.Kind.FORMAT, e.kind());
        assertEquals(4, e.position().line());
        assertEquals(180, e.position().offset());
        assertEquals("atlas.sum:4:1: malformed line: expected \"<file> h1:<hash>\"", e.getMessage());
    }

    @Test
    void posIsTheByteOffsetOfTheReportedLineAlsoForMultiByteNames() throws Exception {
        List<SumInput> before = dir(sql("1_é.sql", "A;"), sql("2_日本.sql", "B;"), sql("3_c.sql", "C;"));
        SumFile stored = SumFile.compute(before);
        List<SumInput> after = dir(sql("1_é.sql", "A;"), sql("2_日本.sql", "B;"), sql("3_c.sql", "C2;"));

        SumMismatch m = SumVerifier.verify(stored, SumFile.compute(after)).orElseThrow();

        // 48 + ("1_é.sql" 8 bytes + 49) + ("2_日本.sql" 12 bytes + 49)
        assertEquals(new SumMismatch(Reason.EDITED, 4, 166, 3, "3_c.sql"), m);
        assertEquals(lineStart(stored.render(), m.line()), m.pos());
        assertEquals(m.pos(), m.position().offset());
    }

    @Test
    void fileNewlySortingFirstIsAddedAndIsOutdatedWhenAllStoredFilesRemain() throws Exception {
        List<SumInput> directory = dir(sql("0_new.sql", "x"), sql(DOWN, SumVectors.V1_DOWN), sql(UP, SumVectors.V1_UP));

        SumMismatch m = mismatch(directory);

        assertEquals(new SumMismatch(Reason.ADDED, 2, 48, 2, "0_new.sql"), m);
        assertEquals("DI505", rule(m, directory));
    }

    @Test
    void aStoredFileNowIgnoredStillCountsAsPresentForTheRule() throws Exception {
        SumFile stored = stored();
        List<SumInput> directory = dir(sql("0_new.sql", "x"), sql(DOWN, SumVectors.V1_DOWN),
                sql(UP, "-- atlas:sum ignore\n" + SumVectors.V1_UP));

        SumMismatch m = SumVerifier.verify(stored, SumFile.compute(directory)).orElseThrow();

        assertEquals(Reason.ADDED, m.reason());
        assertEquals("DI505", m.rule(stored, directory.stream().map(SumInput::name).toList()));
        List<String> hashedOnly = SumFile.compute(directory).entries().stream().map(SumEntry::name).toList();
        assertEquals("DI504", m.rule(stored, hashedOnly), "without the ignored name the stored file looks gone");
    }

    @Test
    void addingTheIgnoreDirectiveToAStoredFileRemovesItsEntry() throws Exception {
        List<SumInput> directory = dir(sql(DOWN, "-- atlas:sum ignore\n" + SumVectors.V1_DOWN), sql(UP, SumVectors.V1_UP));

        assertEquals(new SumMismatch(Reason.REMOVED, 2, 48, 2, DOWN), mismatch(directory));
    }

    @Test
    void aNameListedTwiceInTheStoredFileDoesNotCrash() throws Exception {
        SumFile computed = SumFile.compute(dir(sql("a.sql", "A;")));
        SumEntry a = computed.entries().get(0);
        SumFile stored = SumFile.parse("atlas.sum", SumFile.of(List.of(a, a)).render());

        SumMismatch m = SumVerifier.verify(stored, computed).orElseThrow();

        assertEquals(new SumMismatch(Reason.REMOVED, 3, 48 + 5 + 49, 2, "a.sql"), m);
    }

    @Test
    void mismatchLinesPointIntoTheStoredFile() throws Exception {
        byte[] bytes = v1.expected().getBytes(StandardCharsets.UTF_8);
        assertEquals(48, lineStart(bytes, 2));
        assertEquals(115, lineStart(bytes, 3));
        assertEquals(180, bytes.length);
        assertArrayEquals(bytes, stored().render());
    }

    private static int lineStart(byte[] bytes, int line) {
        int seen = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (seen == line) {
                return i;
            }
            if (bytes[i] == '\n') {
                seen++;
            }
        }
        return seen == line ? bytes.length : -1;
    }
}
