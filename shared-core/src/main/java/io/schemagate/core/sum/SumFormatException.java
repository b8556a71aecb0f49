package io.schemagate.core.sum;

import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;

/** An {@code atlas.sum} that cannot be trusted (rule DI502): a malformed line or a global sum that does not match. */
public final class SumFormatException extends SourceException {

    public enum Kind {
        /** A line after the first has no {@code h1:} (Atlas: "checksum file format invalid"). */
        FORMAT,
        /** Line 1 is not the sum of the entries (Atlas: "checksum mismatch"). */
        CHECKSUM
    }

    private final Kind kind;

    private SumFormatException(String file, Position position, Kind kind, String problem) {
        super(file, position, problem);
        this.kind = kind;
    }

    static SumFormatException malformedLine(String file, int offset, int line) {
        return new SumFormatException(file, new Position(offset, line, 1), Kind.FORMAT,
                "malformed line: expected \"<file> h1:<hash>\"");
    }

    static SumFormatException checksumMismatch(String file) {
        return new SumFormatException(file, Position.START, Kind.CHECKSUM,
                "checksum mismatch: atlas.sum was edited by hand or merged badly; run \"schemagate migrate hash\"");
    }

    public Kind kind() {
        return kind;
    }
}
