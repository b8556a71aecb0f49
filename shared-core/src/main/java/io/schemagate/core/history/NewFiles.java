package io.schemagate.core.history;

/** How the user asked to pick the new files of a migration directory (the ones to lint and replay with inspection). */
public sealed interface NewFiles permits NewFiles.GitBase, NewFiles.Latest, NewFiles.Auto {

    /** {@code --git-base REF}: files added or changed since the merge base of {@code ref} and {@code HEAD}. */
    record GitBase(String ref) implements NewFiles {
    }

    /** {@code --latest N}: the last {@code count} files in run order. */
    record Latest(int count) implements NewFiles {
    }

    /** Neither flag: the change request's target branch from the CI environment, else the last file. */
    record Auto() implements NewFiles {
    }
}
