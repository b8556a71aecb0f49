package io.schemagate.core.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pull or merge request a CI job is building, as its environment tells: where its target lies.
 * A push build (even with {@code CI=true}) has no change request, so it has no base to compare with.
 *
 * @param candidates revisions to try in order; the first that exists in the clone is the target
 * @param wanted     how to name the target in an error ("origin/main or main (GITHUB_BASE_REF)")
 * @param fetchHint  the command that would bring the target into the clone
 */
record ChangeRequest(List<BaseRef> candidates, String wanted, String fetchHint) {

    static Optional<ChangeRequest> fromEnvironment(Map<String, String> env) {
        String github = value(env, "GITHUB_BASE_REF");
        if (github != null) {
            // actions/checkout fetches into origin/*, but a job may have fetched the branch under its plain name.
            String context = ", the target branch of this GitHub pull request";
            return Optional.of(new ChangeRequest(
                    List.of(new BaseRef("origin/" + github, "origin/" + github, context), new BaseRef(github, github, context)),
                    "origin/" + github + " or " + github + " (GITHUB_BASE_REF)", "git fetch origin " + github));
        }
        String diffBase = value(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA");
        String gitlabTarget = value(env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
        if (diffBase != null || gitlabTarget != null) {
            // The diff base is the exact commit GitLab diffs the merge request against; the target branch may have
            // moved on since, so it is only the fallback.
            List<BaseRef> candidates = new ArrayList<>();
            if (diffBase != null) {
                candidates.add(new BaseRef(diffBase, "CI_MERGE_REQUEST_DIFF_BASE_SHA",
                        ", the diff base of this GitLab merge request"));
            }
            if (gitlabTarget != null) {
                candidates.add(new BaseRef("origin/" + gitlabTarget, "origin/" + gitlabTarget,
                        ", the target branch of this GitLab merge request"));
            }
            String wanted = String.join(" or ", candidates.stream().map(BaseRef::label).toList());
            String fetch = gitlabTarget != null ? "git fetch origin " + gitlabTarget : "git fetch origin " + diffBase;
            return Optional.of(new ChangeRequest(candidates, wanted, fetch));
        }
        String jenkins = value(env, "CHANGE_TARGET");
        if (jenkins != null) {
            return Optional.of(new ChangeRequest(
                    List.of(new BaseRef("origin/" + jenkins, "origin/" + jenkins,
                            ", the target branch of this Jenkins change request")),
                    "origin/" + jenkins + " (CHANGE_TARGET)", "git fetch origin " + jenkins));
        }
        return Optional.empty();
    }

    /** A set, non-blank value; CI systems define some of these variables as empty outside change requests. */
    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
