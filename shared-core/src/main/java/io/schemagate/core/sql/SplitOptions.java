package io.schemagate.core.sql;

/**
 * How to split.
 *
 * @param dialect        whose quoting and comment rules apply
 * @param delimiter      the statement delimiter at the start ({@code ;} unless {@code atlas:delimiter} says otherwise)
 * @param gooseBlocks    honour goose's {@code -- +goose StatementBegin} / {@code StatementEnd} comments
 * @param dashCommentsAnywhere {@code --} starts a comment even where MySQL wants a space after it, as in
 *                       Liquibase's {@code --rollback} lines, which the tool removes before running the SQL
 */
public record SplitOptions(Dialect dialect, String delimiter, boolean gooseBlocks, boolean dashCommentsAnywhere) {
    public SplitOptions {
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("empty delimiter");
        }
    }

    public static SplitOptions of(Dialect dialect) {
        return new SplitOptions(dialect, ";", false, false);
    }

    public SplitOptions withDelimiter(String newDelimiter) {
        return new SplitOptions(dialect, newDelimiter, gooseBlocks, dashCommentsAnywhere);
    }

    public SplitOptions withGooseBlocks() {
        return new SplitOptions(dialect, delimiter, true, dashCommentsAnywhere);
    }
}
