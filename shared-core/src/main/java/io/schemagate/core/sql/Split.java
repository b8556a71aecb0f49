package io.schemagate.core.sql;

import java.util.List;

/**
 * The statements of a region of a file.
 *
 * @param statements in source order
 * @param trailing   whitespace and comments after the last statement
 * @param trailingComments the comments in {@code trailing}
 */
public record Split(List<Statement> statements, String trailing, List<Comment> trailingComments) {
    public Split {
        statements = List.copyOf(statements);
        trailingComments = List.copyOf(trailingComments);
    }

    /** Every piece joined: equals the region that was split. */
    public String join() {
        StringBuilder out = new StringBuilder();
        for (Statement s : statements) {
            out.append(s.leading()).append(s.text()).append(s.separator());
        }
        return out.append(trailing).toString();
    }
}
