package io.schemagate.core.schema;

/**
 * One key part of an index: a column or an expression.
 *
 * @param column     the column's name, or null for an expression part
 * @param expression the expression as the database formats it (e.g. {@code lower(email)}), or null for a column part
 * @param descending DESC
 */
public record IndexPart(String column, String expression, boolean descending) {

    public static IndexPart column(String name) {
        return new IndexPart(name, null, false);
    }

    public static IndexPart expression(String expression) {
        return new IndexPart(null, expression, false);
    }

    public boolean isColumn() {
        return column != null;
    }
}
