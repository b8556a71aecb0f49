package io.schemagate.core.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sumIgnored of rules.md §4.2: only line 1 counts, any printable prefix, and the argument must be exactly "ignore". */
class SumIgnoreTest {

    private static boolean ignored(String content) {
        return SumIgnore.isIgnored(content.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-- atlas:sum ignore\nSELECT 1;",
        "// atlas:sum ignore\nSELECT 1;",
        "# atlas:sum ignore\n",
        "/* atlas:sum ignore\n*/",
        "atlas:sum ignore",
        "atlas:sum ignore\n",
        "--atlas:sum ignore\n",
        "SELECT 1; -- atlas:sum ignore\n",
        "-- atlas:sum    ignore\n",
        // The prefix is greedy, so the last directive on line 1 is the one that counts, as in Atlas.
        "-- atlas:txmode none atlas:sum ignore\n",
    })
    void isIgnored(String content) {
        assertTrue(ignored(content), content);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-- atlas:sum ignore\r\nSELECT 1;",     // CR before LF belongs to the argument
        "-- atlas:sum ignore\rSELECT 1;",       // a lone CR does not end the line either
        "-- atlas:sum ignore \nSELECT 1;",      // trailing space
        "\uFEFF-- atlas:sum ignore\nSELECT 1;", // UTF-8 BOM is not printable ASCII
        "SELECT 1;\n-- atlas:sum ignore\n",     // only line 1
        "\n-- atlas:sum ignore\n",
        "\t-- atlas:sum ignore\n",              // tab is not in [ -~]
        "-- atlas:sum\tignore\n",               // the argument needs spaces
        "-- atlas:sum ignored\n",
        "-- atlas:sum Ignore\n",
        "-- atlas:sum ignore extra\n",
        "-- atlas:sums ignore\n",
        "-- atlas:sum\n",
        "-- atlas: sum ignore\n",
        "-- Atlas:sum ignore\n",
        "-- atlas:sum ignore atlas:txmode none\n",
        "-- atlas:checkpoint\n-- atlas:sum ignore\n",
        "",
    })
    void isNotIgnored(String content) {
        assertFalse(ignored(content), content);
    }

    @Test
    void nonAsciiBytesOnLineOneAreMatchedBytewise() {
        // Latin-1 decoding turns every byte into one char; "é" is two bytes, neither printable ASCII.
        assertFalse(ignored("-- é atlas:sum ignore\n"));
        assertFalse(ignored("-- atlas:sum ignoré\n"));
        byte[] invalidUtf8 = {'a', 't', 'l', 'a', 's', ':', 's', 'u', 'm', ' ', 'i', 'g', 'n', 'o', 'r', 'e', (byte) 0xFF};
        assertFalse(SumIgnore.isIgnored(invalidUtf8));
    }

    @Test
    void aCrlfDirectiveFileIsHashedLikeAnyOther() {
        SumInput crlf = new SumInput("1.sql", "-- atlas:sum ignore\r\nSELECT 1;".getBytes(StandardCharsets.UTF_8));
        SumInput lf = new SumInput("2.sql", "-- atlas:sum ignore\nSELECT 1;".getBytes(StandardCharsets.UTF_8));

        SumFile sum = SumFile.compute(List.of(crlf, lf));

        assertEquals(List.of("1.sql"), sum.entries().stream().map(SumEntry::name).toList());
    }
}
