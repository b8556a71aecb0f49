package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What libraries print on System.err reaches the redacting terminal as text, secrets hidden. */
class DecodingOutputStreamTest {

    @Test
    void bytesArriveAsTextThroughTheRedaction() throws IOException {
        Secrets secrets = new Secrets();
        secrets.add("caf\u00e9-secret");
        StringWriter sink = new StringWriter();
        PrintStream stream = new PrintStream(new DecodingOutputStream(new RedactingWriter(sink, secrets)), true,
                StandardCharsets.UTF_8);
        byte[] bytes = "WARNING: café-secret leaked? ünïcode\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) { // one byte at a time: é and ü are split between writes
            stream.write(b);
        }
        new IllegalStateException("café-secret").printStackTrace(stream);
        stream.flush();
        String text = sink.toString();
        assertEquals("WARNING: **** leaked? ünïcode", text.lines().findFirst().orElseThrow());
        assertEquals("java.lang.IllegalStateException: ****", text.lines().skip(1).findFirst().orElseThrow());
    }
}
