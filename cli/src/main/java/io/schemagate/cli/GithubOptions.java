package io.schemagate.cli;

import picocli.CommandLine.Option;

/** How {@code migrate lint} and {@code schema plan} report on a GitHub pull request (when they run for one). */
class GithubOptions {
    @Option(names = "--github-token", paramLabel = "TOKEN",
            description = "Token that may comment on the pull request (default: GITHUB_TOKEN). In a GitHub Actions job"
                    + " for a pull request, the command then posts its summary comment.")
    String token;

    @Option(names = "--no-github-comment", description = "Post nothing on the pull request.")
    boolean noComment;

    /** {@code migrate lint}'s: its line comments may offer suggestions. */
    static final class Lint extends GithubOptions {
        @Option(names = "--no-github-suggestions", description = "Line comments without one-click suggested changes.")
        boolean noSuggestions;
    }
}
