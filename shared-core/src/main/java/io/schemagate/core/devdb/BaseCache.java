package io.schemagate.core.devdb;

/**
 * Where a dev database keeps replayed base schemas between runs, so a run whose base files did not change replays
 * only its new files. On a PostgreSQL server each base is a template database ({@link TemplateEntries}); the
 * embedded server also keeps its stopped data directory ({@link DataDirSnapshots}).
 */
public interface BaseCache {

    /** What a lookup found. */
    enum Lookup {
        /** A sound entry: the dev database is now a copy of it. */
        HIT,
        /** No entry for the key: the base must be replayed. */
        MISS,
        /** An entry was there but unsound (incomplete, altered, its owner gone): dropped, the base must be replayed. */
        UNSOUND
    }

    /**
     * Makes the dev database a fresh copy of the base stored under {@code key}, when there is a sound one. Call it
     * before anything runs on the dev database; its {@link DevDatabase#connection()} changes on a hit.
     */
    Lookup restore(BaseKey key) throws DevDatabaseException;

    /** What became of a {@link #store}. */
    record Stored(boolean kept, String note) {
        public static final Stored STORED = new Stored(true, "");
        /** A parallel run stored the same base first; this run simply continues where it was. */
        public static final Stored ALREADY_CACHED = new Stored(false, "a parallel run cached it first");

        /** The base cannot be kept, for the reason given; the run continues where it was. */
        public static Stored notCacheable(String why) {
            return new Stored(false, "not cached: " + why);
        }
    }

    /**
     * Keeps what the dev database holds now as the base for {@code key} and continues the run on a fresh copy of it
     * (so {@link DevDatabase#connection()} changes), unless it says otherwise.
     */
    Stored store(BaseKey key) throws DevDatabaseException;
}
