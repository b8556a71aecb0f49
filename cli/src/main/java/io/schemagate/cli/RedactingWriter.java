package io.schemagate.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that hides {@link Secrets} in everything written through it. Text is passed on by whole lines (no secret
 * spans a line break); of a long line without a break, all but the last {@code longest - 1} characters, so a secret
 * split across two {@code write} calls is still seen whole. {@link #flush} passes on everything held.
 */
final class RedactingWriter extends Writer {
    private final Writer target;
    private final Secrets secrets;
    private final StringBuilder held = new StringBuilder();

    RedactingWriter(Writer target, Secrets secrets) {
        this.target = target;
        this.secrets = secrets;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        synchronized (lock) {
            held.append(chars, offset, length);
            int safe = Math.max(held.lastIndexOf("\n") + 1, safeEnd());
            if (safe > 0) {
                target.write(secrets.redact(held.substring(0, safe)));
                held.delete(0, safe);
            }
        }
    }

    /**
     * Where the held text may be cut without splitting a secret. Any secret that starts before
     * {@code length - (longest - 1)} ends inside the held text, so it is seen whole: wholly before the cut, or it
     * moves the cut back to its start (which may make another one straddle the cut, hence the loop).
     */
    private int safeEnd() {
        int cut = held.length() - Math.max(secrets.longest() - 1, 0);
        boolean moved = true;
        while (cut > 0 && moved) {
            moved = false;
            for (String secret : secrets.all()) {
                int at = held.indexOf(secret, Math.max(0, cut - secret.length() + 1));
                if (at >= 0 && at < cut) { // starts within a secret's length before the cut: straddles it
                    cut = at;
                    moved = true;
                }
            }
        }
        return Math.max(cut, 0);
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            if (held.length() > 0) {
                target.write(secrets.redact(held.toString()));
                held.setLength(0);
            }
            target.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            flush();
            target.close();
        }
    }
}
