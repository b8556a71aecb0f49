package io.schemagate.core.dialect.sqlite;

/** The query of a stored {@code CREATE VIEW} text. */
final class ViewQuery {

    private ViewQuery() {
    }

    /**
     * The text after the {@code AS} of {@code CREATE [TEMP] VIEW [IF NOT EXISTS] name [(columns)] AS query}, as
     * written; the whole text when it has no such {@code AS}.
     */
    static String of(String sql) {
        SqlTokens tokens = SqlTokens.of(sql);
        int view = tokens.find("VIEW", 0, tokens.size());
        int as = view < 0 ? -1 : tokens.find("AS", view + 1, tokens.size());
        return as < 0 ? (sql == null ? "" : sql.strip()) : tokens.rest(as + 1);
    }
}
