package io.schemagate.github;

import io.schemagate.core.diff.PlanReport;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.report.PlanMarkdown;
import io.schemagate.core.review.ChangedFile;
import io.schemagate.core.review.DiffPlacement;
import io.schemagate.core.review.LineComment;
import io.schemagate.core.review.LineComments;
import io.schemagate.core.review.Publication;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHPullRequestReviewBuilder;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHPullRequestReviewEvent;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;

/**
 * Puts a lint report on a pull request: one summary comment per directory, created once and then updated in place,
 * and one {@code COMMENT} review holding line comments for findings on changed lines that earlier runs have not
 * commented yet. Nothing here throws: a failed call becomes a warning, and the verdict is the caller's. Every call
 * has a connect and a read timeout ({@link TimeoutConnector}); every body posted passes through the caller's redaction.
 */
public final class PullRequestPublisher {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** GitHub's largest page: fewer calls against the rate limit on long pull requests. */
    private static final int PAGE = 100;
    /** How every marker starts: lint's {@code <!-- schemagate:} and the plan's {@code <!-- schemagate-plan:}. */
    static final String HIDDEN = "<!-- schemagate";
    private final PullRequestContext pr;
    private final String token;
    private final String docsBaseUrl;
    private final Duration timeout;
    private final UnaryOperator<String> redact;

    /**
     * @param pr          the pull request
     * @param token       a token that may write pull requests (the job's {@code GITHUB_TOKEN} with
     *                    {@code pull-requests: write})
     * @param docsBaseUrl where rule docs live, for the links in comments
     */
    public PullRequestPublisher(PullRequestContext pr, String token, String docsBaseUrl) {
        this(pr, token, docsBaseUrl, DEFAULT_TIMEOUT, UnaryOperator.identity());
    }

    /**
     * @param timeout the longest wait to connect to GitHub, and for each call's answer
     * @param redact  applied to every comment body before it is posted: hides the run's secrets
     */
    public PullRequestPublisher(PullRequestContext pr, String token, String docsBaseUrl, Duration timeout,
            UnaryOperator<String> redact) {
        this.pr = pr;
        this.token = token;
        this.docsBaseUrl = docsBaseUrl;
        this.timeout = timeout;
        this.redact = redact;
    }

    /**
     * @param report      the report to publish
     * @param repoPath    a finding's file as a repository-relative path, empty when it is outside the repository
     * @param suggestions whether fixes with an edit become one-click suggestions
     */
    public Publication publish(LintReport report, Function<String, Optional<String>> repoPath, boolean suggestions) {
        List<String> warnings = new ArrayList<>();
        GHPullRequest pull = pull(warnings);
        if (pull == null) {
            return Publication.failed(warnings);
        }
        String commentUrl = null;
        try {
            commentUrl = upsert(pull, MarkdownReport.marker(report.dir()), MarkdownReport.render(report, docsBaseUrl),
                    // A pull request that neither adds migrations nor has findings gets no new comment.
                    report.addedFiles() > 0 || !report.diagnostics().isEmpty());
        } catch (IOException e) {
            warnings.add(ApiFailure.describe("could not post the summary comment", e));
        }
        DiffPlacement.Plan plan;
        List<LineComment> fresh;
        try {
            plan = DiffPlacement.plan(report.diagnostics(), repoPath, changedFiles(pull), suggestions);
            List<GHPullRequestReviewComment> existing = pull.listReviewComments().withPageSize(PAGE).toList();
            fresh = plan.placed().stream()
                    .map(placed -> LineComments.of(placed, docsBaseUrl, LineComments.SuggestionSyntax.GITHUB).redacted(redact))
                    .filter(c -> existing.stream().noneMatch(e -> c.sameAs(e.getPath(), e.getLine(), e.getBody())))
                    .toList();
        } catch (IOException e) {
            warnings.add(ApiFailure.describe("could not post line comments", e));
            return new Publication(commentUrl, 0, 0, 0, 0, 0, warnings);
        }
        int posted = 0;
        if (!fresh.isEmpty()) {
            try {
                review(pull, fresh);
                posted = fresh.size();
            } catch (IOException e) {
                warnings.add(ApiFailure.describe("could not post " + fresh.size() + " line comment"
                        + (fresh.size() == 1 ? "" : "s"), e));
            }
        }
        return new Publication(commentUrl, posted, plan.placed().size() - fresh.size(), plan.outsideDiff(),
                plan.overLimit(), 0, warnings);
    }

    /**
     * Puts {@code schema plan}'s report on the pull request: one comment per directory with a marker of its own
     * ({@link PlanMarkdown#marker}), so lint's comment stays as it is; created when there is a plan, updated on
     * every run after, an in-sync run included (it creates none). No line comments: the planned files are in no diff.
     */
    public Publication publishPlan(PlanReport plan) {
        List<String> warnings = new ArrayList<>();
        GHPullRequest pull = pull(warnings);
        if (pull == null) {
            return Publication.failed(warnings);
        }
        String commentUrl = null;
        try {
            commentUrl = upsert(pull, PlanMarkdown.marker(plan.dir()), PlanMarkdown.render(plan, docsBaseUrl),
                    !plan.inSync());
        } catch (IOException e) {
            warnings.add(ApiFailure.describe("could not post the plan comment", e));
        }
        return new Publication(commentUrl, 0, 0, 0, 0, 0, warnings);
    }

    /** The pull request, or null with a warning when it cannot be read. */
    private GHPullRequest pull(List<String> warnings) {
        try {
            GitHub github = new GitHubBuilder().withEndpoint(pr.apiUrl()).withOAuthToken(token)
                    .withConnector(new TimeoutConnector(timeout))
                    // Waiting out a rate limit would stall the job for up to an hour; a warning is better.
                    .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                    .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                    .build();
            return github.getRepository(pr.repository()).getPullRequest(pr.number());
        } catch (IOException e) {
            warnings.add(ApiFailure.describe("could not read pull request #" + pr.number() + " of " + pr.repository(), e));
            return null;
        }
    }

    /**
     * Updates the comment that starts with {@code marker} (searching every page), or creates it when {@code create}.
     * The opening {@value #HIDDEN} of the marker is schemagate's own text and is not redacted, as on GitLab: a secret
     * that happens to be a word of it would otherwise mask every marker, and each re-run would post a new comment.
     */
    private String upsert(GHPullRequest pull, String marker, String rendered, boolean create) throws IOException {
        String posted = guard(marker);
        String body = guard(rendered);
        for (GHIssueComment comment : pull.listComments().withPageSize(PAGE)) {
            if (comment.getBody() != null && comment.getBody().startsWith(posted)) {
                comment.update(body);
                return comment.getHtmlUrl().toString();
            }
        }
        if (!create) {
            return null;
        }
        return pull.comment(body).getHtmlUrl().toString();
    }

    private String guard(String body) {
        return body.startsWith(HIDDEN) ? HIDDEN + redact.apply(body.substring(HIDDEN.length())) : redact.apply(body);
    }

    private static Map<String, ChangedFile> changedFiles(GHPullRequest pull) throws IOException {
        Map<String, ChangedFile> files = new LinkedHashMap<>();
        for (GHPullRequestFileDetail file : pull.listFiles().withPageSize(PAGE)) {
            files.put(file.getFilename(),
                    ChangedFile.of(file.getFilename(), "added".equals(file.getStatus()), file.getPatch()));
        }
        return files;
    }

    private void review(GHPullRequest pull, List<LineComment> comments) throws IOException {
        GHPullRequestReviewBuilder review = pull.createReview()
                .commitId(pr.headSha().isEmpty() ? pull.getHead().getSha() : pr.headSha())
                .event(GHPullRequestReviewEvent.COMMENT)
                .body("schemagate: " + comments.size() + " finding" + (comments.size() == 1 ? "" : "s")
                        + " on lines this pull request changes. The summary comment has the whole report.");
        for (LineComment c : comments) {
            if (c.startLine() > 0) {
                review.multiLineComment(c.body(), c.path(), c.startLine(), c.line());
            } else {
                review.singleLineComment(c.body(), c.path(), c.line());
            }
        }
        review.create();
    }
}
