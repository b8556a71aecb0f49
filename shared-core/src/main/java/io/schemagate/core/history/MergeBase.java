package io.schemagate.core.history;

import io.schemagate.core.git.WorkTree;
import java.util.List;
import java.util.Optional;

/**
 * The commit a change started from: the merge base of its target and {@code HEAD}. Files that differ from it are
 * the change.
 *
 * @param ref    the target that was found
 * @param commit the merge base's full id
 */
record MergeBase(BaseRef ref, String commit) {
    private static final String FETCH_FULL_HISTORY = "fetch the full history (actions/checkout `fetch-depth: 0`,"
            + " GitLab `GIT_DEPTH: 0`, or `git fetch --unshallow`)";

    /**
     * The merge base with the first of {@code candidates} that exists in the clone.
     *
     * @param wanted    the target as users know it, for error messages
     * @param fetchHint what brings the target into a full clone that lacks it
     */
    static MergeBase find(WorkTree tree, List<BaseRef> candidates, String wanted, String fetchHint)
            throws HistoryException {
        BaseRef found = null;
        String target = null;
        for (BaseRef candidate : candidates) {
            Optional<String> commit = tree.commit(candidate.revision());
            if (commit.isPresent()) {
                found = candidate;
                target = commit.get();
                break;
            }
        }
        if (found == null) {
            // In a shallow clone a missing target is almost always history that was not fetched, not a typo.
            throw new HistoryException(tree.isShallow()
                    ? wanted + " is not in this shallow clone, so the new files cannot be found: " + FETCH_FULL_HISTORY
                    : wanted + " does not name a commit in this repository: check the name, or fetch it (" + fetchHint + ")");
        }
        String head = tree.commit("HEAD").orElseThrow(() -> new HistoryException(
                "HEAD does not name a commit (the repository has no commits yet), so there is nothing to compare with "
                        + wanted));
        String base = tree.mergeBase(target, head).orElse(null);
        if (base == null) {
            throw new HistoryException(tree.isShallow()
                    ? found.label() + " and HEAD have no common history in this shallow clone: " + FETCH_FULL_HISTORY
                    : found.label() + " and HEAD share no history, so there is no merge base to compare with");
        }
        return new MergeBase(found, base);
    }

    String shortId() {
        return commit.substring(0, Math.min(7, commit.length()));
    }

    /** "the merge base of origin/main (a1b2c3d)". */
    String describe() {
        return "the merge base of " + ref.label() + " (" + shortId() + ")";
    }
}
