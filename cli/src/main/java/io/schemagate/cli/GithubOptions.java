package io.schemagate.cli;

import picocli.CommandLine.Option;

/** How {@code migrate lint} reports on a GitHub pull request (when it runs for one). */
final class GithubOptions {
    @Option(names = "--github-token", paramLabel = "TOKEN",
            description = "Token that may comment on the pull request (default: GITHUB_TOKEN). In a GitHub Actions job"
                    + " for a pull request, lint then posts the summary comment and line comments.")
    String token;

    @Option(names = "--no-github-comment", description = "Post nothing on the pull request.")
    boolean noComment;

    @Option(names = "--no-github-suggestions", description = "Line comments without one-click suggested changes.")
    boolean noSuggestions;
}
