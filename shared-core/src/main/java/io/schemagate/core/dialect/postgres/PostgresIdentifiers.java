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

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
