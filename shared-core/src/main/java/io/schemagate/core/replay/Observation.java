package io.schemagate.core.replay;

/**
 * A fact about a statement that the dev database showed beyond its schema changes, recorded by a dialect's
 * {@link StatementProbe} for the analyzers.
 */
public sealed interface Observation {

    /**
     * How MySQL or MariaDB would run an ALTER TABLE, found by re-trying it with each explicit {@code ALGORITHM} on an
     * empty copy of the table: the first the server accepts is the one it would choose.
     *
     * @param table     the altered table
     * @param algorithm {@code INSTANT}, {@code NOCOPY} (MariaDB: in place, no rebuild), {@code INPLACE} (in place;
     *                  on MariaDB a rebuild), or {@code COPY}
     * @param refusal   the server's reason for refusing the cheaper algorithms, empty for INSTANT
     * @param rebuild   the table is known to be rebuilt: COPY, or MariaDB's INPLACE after it refused NOCOPY (MySQL's
     *                  INPLACE may or may not rebuild)
     */
    record Algorithm(String table, String algorithm, String refusal, boolean rebuild) implements Observation {
    }
}
