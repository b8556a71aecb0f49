package io.schemagate.core.schema;

/**
 * A function or procedure, known by name and signature.
 *
 * @param arguments   the identity arguments as the database formats them, e.g. {@code integer, text}; together with
 *                    the name they identify an overload
 * @param result      the result type (e.g. {@code trigger}, {@code SETOF users}); null for procedures
 * @param language    e.g. {@code plpgsql}, {@code sql}
 * @param volatility  how the planner may treat calls (a volatile column default forces a table rewrite)
 * @param fingerprint an opaque digest of the definition (PostgreSQL: a SHA-256 digest of body, argument and result types, volatility
 *                    and options); a different value for the same function means it was replaced. Null when the
 *                    dialect has none
 */
public record Function(long oid, String schema, String name, String arguments, String result, Kind kind,
                       String language, Volatility volatility, String fingerprint) {

    public enum Kind {
        FUNCTION, PROCEDURE, AGGREGATE, WINDOW
    }

    public enum Volatility {
        IMMUTABLE, STABLE, VOLATILE
    }

    /** {@code name(arguments)}: unique within the schema. */
    public String signature() {
        return name + "(" + arguments + ")";
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }
}
