package io.schemagate.core.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks §4.2 against a second, deliberately naive implementation: every entry is one SHA-256 over the whole
 * concatenated prefix of the directory, so no running or cloned digest and no regex are involved.
 */
class SumFileCrossCheckTest {
    private static final String[] NAME_PARTS = {"a", "b", "Z", "_", "-", ".", "1", "9", "é", "ß", "日本", "😀", "\uFF61", "sub/"};

    /** A generated file that knows whether Atlas must skip its content. */
    private record Generated(String name, byte[] bytes, boolean ignored) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20240607})
    void everyEntryIsTheDigestOfTheConcatenatedPrefix(long seed) throws Exception {
        List<Generated> files = generate(new Random(seed), 300);
        List<SumInput> inputs = files.stream().map(f -> new SumInput(f.name(), f.bytes())).toList();

        SumFile sum = SumFile.compute(inputs);

        String expected = NaiveAtlasSum.text(files.stream()
                .map(f -> new NaiveAtlasSum.File(f.name(), f.bytes(), f.ignored())).toList());

        assertEquals(files.stream().filter(f -> !f.ignored()).count(), sum.entries().size());
        assertEquals(expected, sum.text());
        assertEquals(sum, SumFile.parse("atlas.sum", sum.render()));
    }

    private static List<Generated> generate(Random random, int count) {
        // Unique names in byte order, as a directory format would hand them over.
        TreeMap<String, Generated> byName = new TreeMap<>(SumFile.BYTE_ORDER);
        while (byName.size() < count) {
            String name = randomName(random);
            byName.put(name, randomFile(random, name));
        }
        List<Generated> files = new ArrayList<>(byName.values());
        files.sort(Comparator.comparing(Generated::name, SumFile.BYTE_ORDER));
        return files;
    }

    private static String randomName(Random random) {
        StringBuilder name = new StringBuilder(String.format("%03d_", random.nextInt(1000)));
        for (int i = random.nextInt(6); i > 0; i--) {
            name.append(NAME_PARTS[random.nextInt(NAME_PARTS.length)]);
        }
        return name.append(".sql").toString();
    }

    private static Generated randomFile(Random random, String name) {
        byte[] body = new byte[random.nextInt(400)];
        random.nextBytes(body);
        if (body.length > 0) {
            body[0] = 'S'; // random bytes must not start a directive by accident
        }
        return switch (random.nextInt(10)) {
            case 0 -> file(name, "-- atlas:sum ignore\n", body, true);
            case 1 -> file(name, "atlas:sum ignore", new byte[0], true);
            case 2 -> file(name, "-- atlas:sum ignore\r\n", body, false);
            case 3 -> file(name, "-- atlas:sum ignored\n", body, false);
            case 4 -> file(name, "SELECT 1;\n-- atlas:sum ignore\n", body, false);
            case 5 -> file(name, "", new byte[0], false);
            default -> file(name, "", body, false);
        };
    }

    private static Generated file(String name, String head, byte[] body, boolean ignored) {
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(body, 0, bytes, headBytes.length, body.length);
        return new Generated(name, bytes, ignored);
    }
}
