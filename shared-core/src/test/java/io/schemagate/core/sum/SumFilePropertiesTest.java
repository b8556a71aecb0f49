package io.schemagate.core.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SumFilePropertiesTest {

    @Provide
    Arbitrary<String> names() {
        // Non-ASCII and supplementary characters mixed in, where byte order and String.compareTo can disagree.
        return Arbitraries.of("a", "B", "z", "_", ".", "/", "1", "é", "日", "\uFF61", "\uE000", "😀")
                .list().ofMinSize(1).ofMaxSize(8)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 200)
    void byteOrderIsCodePointOrder(@ForAll("names") String a, @ForAll("names") String b) {
        assertEquals(Integer.signum(compareCodePoints(a, b)), Integer.signum(SumFile.BYTE_ORDER.compare(a, b)));
    }

    @Property(tries = 100)
    void renderThenParseGivesTheSameFile(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 300) Integer> sizes,
                                         @ForAll("names") String prefix) throws Exception {
        SumFile sum = SumFile.compute(directory(prefix, sizes));

        assertEquals(sum, SumFile.parse("atlas.sum", sum.render()));
    }

    @Property(tries = 100)
    void editingOneFileChangesExactlyItsEntryAndTheLaterOnes(
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 300) Integer> sizes,
            @ForAll @IntRange(min = 0, max = 19) int pick) {
        List<SumInput> files = directory("f", sizes);
        int k = pick % files.size();
        List<SumInput> edited = new ArrayList<>(files);
        byte[] changed = Arrays.copyOf(files.get(k).bytes(), files.get(k).bytes().length + 1);
        changed[changed.length - 1] = '!';
        edited.set(k, new SumInput(files.get(k).name(), changed));

        List<SumEntry> before = SumFile.compute(files).entries();
        List<SumEntry> after = SumFile.compute(edited).entries();

        for (int i = 0; i < files.size(); i++) {
            if (i < k) {
                assertEquals(before.get(i), after.get(i));
            } else {
                assertNotEquals(before.get(i).hash(), after.get(i).hash());
            }
        }
    }

    @Test
    void byteOrderDiffersFromStringCompareToAboveTheBasicPlane() {
        String halfwidth = "\uFF61.sql"; // EF BD A1
        String emoji = "😀.sql";         // F0 9F 98 80, but UTF-16 D83D DE00

        assertTrue(SumFile.BYTE_ORDER.compare(halfwidth, emoji) < 0);
        assertTrue(halfwidth.compareTo(emoji) > 0, "String.compareTo sorts the other way");
        assertTrue(SumFile.BYTE_ORDER.compare("B.sql", "a.sql") < 0);
        assertTrue(SumFile.BYTE_ORDER.compare("z.sql", "é.sql") < 0);
        assertTrue(SumFile.BYTE_ORDER.compare("1.sql", "1_a.sql") < 0);
        assertEquals(0, SumFile.BYTE_ORDER.compare("é.sql", "é.sql"));
    }

    private static List<SumInput> directory(String prefix, List<Integer> sizes) {
        Map<String, SumInput> files = new LinkedHashMap<>();
        for (int i = 0; i < sizes.size(); i++) {
            String name = String.format("%03d_%s", i, prefix);
            byte[] bytes = new byte[sizes.get(i)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) ('A' + (i * 31 + j) % 26);
            }
            files.put(name, new SumInput(name, bytes));
        }
        return List.copyOf(files.values());
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
