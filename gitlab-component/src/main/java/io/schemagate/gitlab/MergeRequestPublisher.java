package io.schemagate.gitlab;

import io.schemagate.core.report.LintReport;
import io.schemagate.core.review.Publication;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Puts a lint report on a merge request: one summary note per directory, and diff threads on changed lines.
 * (Interface fixed; the GitLab4J implementation lands with the GitLab issue.)
 */
public final class MergeRequestPublisher {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public MergeRequestPublisher(MergeRequestContext mr, String token, String docsBaseUrl, Duration timeout,
            UnaryOperator<String> redact) {
    }

    public Publication publish(LintReport report, Function<String, Optional<String>> repoPath, boolean suggestions) {
        return Publication.failed(List.of("GitLab publishing is not implemented yet"));
    }
}
