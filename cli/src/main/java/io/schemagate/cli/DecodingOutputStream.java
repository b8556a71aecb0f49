package io.schemagate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes decoded as UTF-8 into a writer: what {@link Main} installs as {@code System.out} and {@code System.err}, so
 * that whatever a library prints there (a logging framework's console handler, a stray stack trace) passes through
 * the same redacting terminal as schemagate's own output. A character split across two writes is decoded whole.
 */
final class DecodingOutputStream extends OutputStream {
    private final Writer target;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    DecodingOutputStream(Writer target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, bytes.remaining());
            bytes.put(b, offset, n);
            offset += n;
            length -= n;
            bytes.flip();
            decoder.decode(bytes, chars, false);
            bytes.compact(); // an incomplete character waits for its next bytes
            drain();
        }
    }

    private void drain() throws IOException {
        chars.flip();
        target.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
        chars.clear();
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
    }
}
