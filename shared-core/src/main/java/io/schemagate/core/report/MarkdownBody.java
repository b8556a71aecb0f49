package io.schemagate.core.report;

/** A Markdown body under construction, with a fixed ceiling: a block is added whole or not at all. */
final class MarkdownBody {
    final StringBuilder out = new StringBuilder();
    private final int limit;

    MarkdownBody(int limit) {
        this.limit = limit;
    }

    int room() {
        return limit - out.length();
    }

    boolean add(String block) {
        if (block.length() > room()) {
            return false;
        }
        out.append(block);
        return true;
    }
}
