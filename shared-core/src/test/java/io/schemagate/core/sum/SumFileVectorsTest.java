package io.schemagate.core.sum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SumFileVectorsTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("vector 1", SumVectors.vector1()),
                Arguments.of("vector 2", SumVectors.vector2()),
                Arguments.of("vector 3 (checkpoints)", SumVectors.vector3()),
                Arguments.of("vector 4 (atlas:sum ignore)", SumVectors.vector4()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void computeReproducesTheExpectedFileByteForByte(String label, SumVectors.Vector vector) {
        SumFile sum = SumFile.compute(vector.files());

        assertEquals(vector.expected(), sum.text());
        assertArrayEquals(vector.expected().getBytes(StandardCharsets.UTF_8), sum.render());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void parseReadsTheExpectedFileBackToTheSameSum(String label, SumVectors.Vector vector) throws Exception {
        byte[] bytes = vector.expected().getBytes(StandardCharsets.UTF_8);

        SumFile parsed = SumFile.parse("atlas.sum", bytes);

        assertEquals(SumFile.compute(vector.files()), parsed);
        assertArrayEquals(bytes, parsed.render());
    }

    @Test
    void vector1IsExactly180Bytes() {
        assertEquals(180, SumFile.compute(SumVectors.vector1().files()).render().length);
    }

    @Test
    void ignoredFileHasNoEntryButItsNameIsChained() {
        SumFile withIgnored = SumFile.compute(SumVectors.vector4().files());
        List<SumInput> withoutIgnored = List.of(SumVectors.vector4().files().get(0), SumVectors.vector4().files().get(2));

        SumFile without = SumFile.compute(withoutIgnored);

        assertEquals(List.of("1_a.sql", "3_c.sql"), withIgnored.entries().stream().map(SumEntry::name).toList());
        assertEquals(without.entries().get(0), withIgnored.entries().get(0));
        assertNotEquals(without.entries().get(1).hash(), withIgnored.entries().get(1).hash(),
                "the name 2_b.sql must be part of the digest of 3_c.sql");
    }

    @Test
    void ignoredFileContentDoesNotMatter() {
        List<SumInput> files = SumVectors.vector4().files();
        List<SumInput> edited = List.of(files.get(0),
                new SumInput("2_b.sql", "-- atlas:sum ignore\nSELECT 2; -- something else".getBytes(StandardCharsets.UTF_8)),
                files.get(2));

        assertEquals(SumFile.compute(files), SumFile.compute(edited));
    }

    @Test
    void editingAFileChangesItsEntryAndEveryLaterOneOnly() {
        List<SumInput> files = SumVectors.vector3().files();
        List<SumInput> edited = new ArrayList<>(files);
        edited.set(3, new SumInput("4_fourth.sql", "create table `tbl_3` (`col` bigint);\n".getBytes(StandardCharsets.UTF_8)));

        List<SumEntry> before = SumFile.compute(files).entries();
        List<SumEntry> after = SumFile.compute(edited).entries();

        for (int i = 0; i < before.size(); i++) {
            if (i < 3) {
                assertEquals(before.get(i), after.get(i), "entry " + i);
            } else {
                assertNotEquals(before.get(i).hash(), after.get(i).hash(), "entry " + i);
            }
        }
    }

    @Test
    void emptyDirectoryIsTheSumOfNothing() {
        // SHA-256 of no bytes.
        assertEquals("h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", SumFile.compute(List.of()).text());
    }
}
