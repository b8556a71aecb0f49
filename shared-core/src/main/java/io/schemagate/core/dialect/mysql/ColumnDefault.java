package io.schemagate.core.dialect.mysql;

import java.util.Locale;
import java.util.Set;

/**
 * Brings {@code COLUMN_DEFAULT} to one form on both servers: the SQL expression that gives the default, as MariaDB
 * (10.2.7+) reports it — string and temporal literals quoted ({@code 'abc'}, {@code 'it''s'}), numbers bare
 * ({@code 1.50}), functions as the server writes them ({@code current_timestamp()} on MariaDB,
 * {@code CURRENT_TIMESTAMP} on MySQL). Null means no default, and also an explicit {@code DEFAULT NULL}: the two
 * behave the same. Generated and AUTO_INCREMENT columns have none.
 */
final class ColumnDefault {

    /** Types whose literal defaults MariaDB reports unquoted. */
    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "decimal", "numeric", "float", "double", "real", "bit", "year", "bool", "boolean");

    private ColumnDefault() {
    }

    /** MariaDB: already an expression; the unquoted word NULL is {@code DEFAULT NULL} (the string 'NULL' is quoted). */
    static String fromMariaDb(String columnDefault) {
        return columnDefault == null || columnDefault.equals("NULL") ? null : columnDefault;
    }

    /**
     * MySQL: a literal is reported as its bare value, an expression default (CURRENT_TIMESTAMP, {@code (expr)}) is
     * flagged {@code DEFAULT_GENERATED} in EXTRA and reported as written. Literals of non-numeric types are quoted
     * here so they read as MariaDB's do. Bit literals are reported as {@code b'101'} already.
     */
    static String fromMySql(String columnDefault, String extra, String dataType) {
        if (columnDefault == null) {
            return null;
        }
        String type = dataType.toLowerCase(Locale.ROOT);
        if (extra.toUpperCase(Locale.ROOT).contains("DEFAULT_GENERATED") || NUMERIC.contains(type)) {
            return columnDefault;
        }
        return "'" + columnDefault.replace("'", "''") + "'";
    }
}
