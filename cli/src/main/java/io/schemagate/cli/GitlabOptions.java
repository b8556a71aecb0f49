package io.schemagate.cli;

import picocli.CommandLine.Option;

/** How {@code migrate lint} reports on a GitLab merge request (when it runs in a merge-request pipeline). */
final class GitlabOptions {
    @Option(names = "--gitlab-token", paramLabel = "TOKEN",
            description = "Access token (api scope, Reporter role or higher) that may comment on the merge request"
                    + " (default: GITLAB_TOKEN). In a GitLab merge-request pipeline, lint then posts the summary note"
                    + " and diff threads.")
    String token;

    @Option(names = "--no-gitlab-comment", description = "Post nothing on the merge request.")
    boolean noComment;

    @Option(names = "--no-gitlab-suggestions", description = "Diff threads without suggested changes.")
    boolean noSuggestions;
}
