package io.schemagate.core.migrate;

/**
 * A part of a file that runs as one unit: the whole file, a goose/dbmate up section, or a Liquibase changeset.
 *
 * @param name            {@code file}, {@code up}, or a changeset id such as {@code alice:1}
 * @param from            char index where it starts
 * @param to              char index where it ends
 * @param txMode          as the format's markers say; {@code null} when the format says nothing (directives decide)
 * @param delimiter       statement delimiter, {@code null} for the default
 * @param splitStatements false when the tool sends the region as one statement (Liquibase {@code splitStatements:false})
 * @param gooseBlocks     whether goose's StatementBegin/End annotations apply
 * @param toolComments    whether every {@code --} line is the tool's own (Liquibase), even where MySQL needs a space
 */
public record Region(String name, int from, int to, TxMode txMode, String delimiter, boolean splitStatements,
                     boolean gooseBlocks, boolean toolComments) {

    public static Region whole(int length) {
        return new Region("file", 0, length, null, null, true, false, false);
    }

    /** A section of a file, split as usual. */
    public static Region section(String name, int from, int to, TxMode txMode, boolean gooseBlocks) {
        return new Region(name, from, to, txMode, null, true, gooseBlocks, false);
    }
}
