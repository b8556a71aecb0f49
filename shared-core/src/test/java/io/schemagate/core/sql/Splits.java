package io.schemagate.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.schemagate.core.text.SourceException;
import io.schemagate.core.text.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shorthands for splitter tests: inputs go through {@link SourceText#decode} like files do. */
final class Splits {
    static final String FILE = "test.sql";

    private Splits() {
    }

    static Split split(SplitOptions options, String sql) throws SourceException {
        Split split = StatementSplitter.split(SourceText.decode(FILE, sql.getBytes(StandardCharsets.UTF_8)), options);
        assertEquals(sql, split.join(), "join() must give back the input");
        return split;
    }

    static Split split(Dialect dialect, String sql) throws SourceException {
        return split(SplitOptions.of(dialect), sql);
    }

    static List<String> texts(SplitOptions options, String sql) throws SourceException {
        return split(options, sql).statements().stream().map(Statement::text).toList();
    }

    static List<String> texts(Dialect dialect, String sql) throws SourceException {
        return texts(SplitOptions.of(dialect), sql);
    }

    static SourceException error(Dialect dialect, String sql) {
        return error(SplitOptions.of(dialect), sql);
    }

    static SourceException error(SplitOptions options, String sql) {
        return assertThrows(SourceException.class,
                () -> StatementSplitter.split(SourceText.decode(FILE, sql.getBytes(StandardCharsets.UTF_8)), options),
                () -> "expected a lexing error for: " + sql);
    }

    /** {@code line:column} of an error, for compact assertions. */
    static String at(SourceException e) {
        return e.position().line() + ":" + e.position().column();
    }
}
