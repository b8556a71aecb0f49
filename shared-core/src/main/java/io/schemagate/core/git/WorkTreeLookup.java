package io.schemagate.core.git;

/** Whether a directory lies in a git work tree that git is willing to read. */
public sealed interface WorkTreeLookup permits WorkTreeLookup.Found, WorkTreeLookup.NotFound {

    record Found(WorkTree tree) implements WorkTreeLookup {
    }

    /** @param reason one clause for users, e.g. "it is not inside a git work tree" */
    record NotFound(String reason) implements WorkTreeLookup {
    }
}
