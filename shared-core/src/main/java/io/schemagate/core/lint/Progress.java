package io.schemagate.core.lint;

/**
 * What {@code migrate lint} is doing, for a front end that shows progress on long runs. Called on the lint thread
 * at file and statement boundaries; an implementation must return quickly and must not throw.
 */
public interface Progress {
    /** Progress nobody watches. */
    Progress NONE = new Progress() {
    };

    /** The dev database is being started or connected (an embedded one takes seconds). */
    default void startingDevDatabase() {
    }

    /** Base file {@code number} of {@code count} (1-based) is being replayed. */
    default void baseFile(int number, int count, String file) {
    }

    /** New file {@code number} of {@code count} (1-based) is being replayed statement by statement. */
    default void newFile(int number, int count, String file) {
    }

    /** A statement of the current file, starting on {@code line}, is being run. */
    default void statement(int line) {
    }
}
