package io.schemagate.core.history;

import io.schemagate.core.migrate.Listing;

/** How the user asked to pick the new files of a migration directory (the ones to lint and replay with inspection). */
public sealed interface NewFiles permits NewFiles.GitBase, NewFiles.Latest, NewFiles.Auto, NewFiles.Pushed {

    /** {@code --git-base REF}: files added or changed since the merge base of {@code ref} and {@code HEAD}. */
    record GitBase(String ref) implements NewFiles {
    }

    /** {@code --latest N}: the last {@code count} files in run order. */
    record Latest(int count) implements NewFiles {
    }

    /** Neither flag: the change request's target branch from the CI environment, else the last file. */
    record Auto() implements NewFiles {
    }

    /**
     * {@code --base oci://…}: files not in a directory pushed to a registry, already fetched and listed.
     *
     * @param base  the pushed directory, listed by the same format as the working tree
     * @param where how to name it in messages, e.g. {@code oci://ghcr.io/acme/migrations:latest (sha256:…)}
     */
    record Pushed(Listing base, String where) implements NewFiles {
    }
}
