package io.schemagate.cli;

import picocli.CommandLine.Option;

/** How {@code migrate lint} and {@code schema plan} report on a GitLab merge request (in a merge-request pipeline). */
class GitlabOptions {
    @Option(names = "--gitlab-token", paramLabel = "TOKEN",
            description = "Access token (api scope, Reporter role or higher) that may comment on the merge request"
                    + " (default: GITLAB_TOKEN). In a GitLab merge-request pipeline, the command then posts its summary"
                    + " note.")
    String token;

    @Option(names = "--no-gitlab-comment", description = "Post nothing on the merge request.")
    boolean noComment;

    /** {@code migrate lint}'s: its diff threads may offer suggestions. */
    static final class Lint extends GitlabOptions {
        @Option(names = "--no-gitlab-suggestions", description = "Diff threads without suggested changes.")
        boolean noSuggestions;
    }
}
