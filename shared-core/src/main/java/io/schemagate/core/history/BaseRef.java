package io.schemagate.core.history;

/**
 * A revision to try as the base of a change.
 *
 * @param revision what git resolves: {@code origin/main}, a commit id
 * @param label    how users know it: the ref as they typed it, or the CI variable that held a commit id
 * @param context  why it was chosen, appended to the explanation (", the target branch of this GitHub pull
 *                 request"); empty when the user named it
 */
record BaseRef(String revision, String label, String context) {

    static BaseRef named(String ref) {
        return new BaseRef(ref, ref, "");
    }
}
