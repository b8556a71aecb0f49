package io.schemagate.core.dialect.sqlite;

import java.util.ArrayList;
import java.util.List;

/**
 * What a stored {@code CREATE INDEX} text holds that {@code pragma_index_xinfo} does not: the text of each key part
 * (the pragma gives expression parts no text) and the WHERE of a partial index.
 *
 * @param parts     each key part as written, without its {@code COLLATE} and {@code ASC}/{@code DESC}; in key order
 * @param predicate the WHERE condition as written, else null
 */
record IndexDefinition(List<String> parts, String predicate) {

    IndexDefinition {
        parts = List.copyOf(parts);
    }

    /** Parses {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (parts) [WHERE condition]}; null text, none. */
    static IndexDefinition parse(String sql) {
        SqlTokens tokens = SqlTokens.of(sql);
        int on = tokens.find("ON", 0, tokens.size());
        int open = on < 0 ? -1 : tokens.nextOpen(on);
        if (open < 0) {
            return new IndexDefinition(List.of(), null);
        }
        List<String> parts = new ArrayList<>();
        for (int[] item : tokens.items(open)) {
            int to = item[1];
            if (to > item[0] && (tokens.is(to - 1, "ASC") || tokens.is(to - 1, "DESC"))) {
                to--;
            }
            if (to - 2 > item[0] && tokens.is(to - 2, "COLLATE")) {
                to -= 2;
            }
            parts.add(tokens.text(item[0], to));
        }
        int close = tokens.close(open);
        int where = close < 0 ? -1 : tokens.find("WHERE", close + 1, tokens.size());
        return new IndexDefinition(parts, where < 0 ? null : tokens.rest(where + 1));
    }
}
