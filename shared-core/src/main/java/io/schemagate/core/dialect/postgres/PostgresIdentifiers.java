package io.schemagate.core.dialect.postgres;

import io.schemagate.core.schema.QualifiedName;
import java.util.Set;
import java.util.regex.Pattern;

/** Names as PostgreSQL reads them back: quoted only when they must be (upper case, odd characters, keywords). */
final class PostgresIdentifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** PostgreSQL's reserved key words, and those that cannot name a column or table without quotes. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
            "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left",
            "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only",
            "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
            "with");

    private PostgresIdentifiers() {
    }

    static String quote(String name) {
        return PLAIN.matcher(name).matches() && !RESERVED.contains(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    static String quote(QualifiedName name) {
        return quote(name.schema()) + "." + quote(name.name());
    }

    /**
     * A string literal. Text with a backslash or a control character is written {@code E'…'} with them escaped: it
     * then means the same whatever {@code standard_conforming_strings} says, and stays on one line (a line of a
     * comment cannot pass for a directive of the file's tool, such as {@code -- migrate:down}).
     */
    static String literal(String text) {
        if (text.chars().noneMatch(c -> c == '\\' || c < 0x20)) {
            return "'" + text.replace("'", "''") + "'";
        }
        StringBuilder out = new StringBuilder("E'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("''");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }
}
