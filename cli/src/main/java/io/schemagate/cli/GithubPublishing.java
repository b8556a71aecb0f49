package io.schemagate.cli;

import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.diff.PlanReport;
import io.schemagate.core.git.RepositoryPaths;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.report.GithubReport;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.report.PlanMarkdown;
import io.schemagate.core.report.RuleDocs;
import io.schemagate.core.review.Publication;
import io.schemagate.github.GithubException;
import io.schemagate.github.PullRequestContext;
import io.schemagate.github.PullRequestPublisher;
import io.schemagate.github.WorkflowFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code migrate lint} and {@code schema plan} do on GitHub after the report is made: comment on the pull request
 * (whenever a token and a pull request are known), and as the action also the job summary and step outputs (lint
 * annotations too). Nothing here changes the verdict: what cannot be posted becomes a warning.
 */
final class GithubPublishing {
    private final Session session;
    private final GithubOptions options;

    GithubPublishing(Session session, GithubOptions options) {
        this.session = session;
        this.options = options;
    }

    void publish(LintReport report, MigrationDir dir, boolean suggestions) {
        Optional<GithubAction> action = session.action();
        Optional<PullRequestContext> pr = options.noComment ? Optional.empty() : pullRequest();
        if (action.isEmpty() && pr.isEmpty()) {
            return; // not on GitHub: nothing to do
        }
        Optional<RepositoryPaths> paths = RepositoryPaths.of(dir.path());
        if (action.isPresent()) {
            PrintWriter out = session.terminal().out();
            // Workflow commands, which GitHub turns into annotations on the repository's files.
            out.print(GithubReport.render(report, file -> paths.flatMap(p -> p.apply(file)).orElse(file)));
            out.flush();
            WorkflowFile.named(session.env(), "GITHUB_STEP_SUMMARY").ifPresent(summary -> {
                try {
                    summary.append(session.secrets().redact(MarkdownReport.render(report)));
                } catch (IOException e) {
                    warn("could not write the job summary " + summary.path() + ": " + IoMessages.describe(e));
                }
            });
        }
        String commentUrl = pr.isEmpty() ? null : comment(report, dir, pr.get(), paths, action, suggestions);
        action.ifPresent(a -> {
            a.output(session, "errors", Long.toString(report.count(Severity.ERROR)));
            a.output(session, "warnings", Long.toString(report.count(Severity.WARNING)));
            a.output(session, "report", a.reportPath().toString());
            a.output(session, "comment-url", commentUrl == null ? "" : commentUrl);
        });
    }

    /** The pull request this job builds, if the environment names one. */
    private Optional<PullRequestContext> pullRequest() {
        try {
            return PullRequestContext.fromEnvironment(session.env());
        } catch (GithubException e) {
            warn(e.getMessage() + "; nothing was posted on the pull request");
            return Optional.empty();
        }
    }

    /**
     * {@code schema plan}: its comment on the pull request (its own, beside lint's), and as the action the job summary
     * and the outputs {@code errors}, {@code warnings}, {@code report} and {@code comment-url}.
     */
    void publishPlan(PlanReport plan) {
        Optional<GithubAction> action = session.action();
        Optional<PullRequestContext> pr = options.noComment ? Optional.empty() : pullRequest();
        if (action.isEmpty() && pr.isEmpty()) {
            return;
        }
        if (action.isPresent()) {
            WorkflowFile.named(session.env(), "GITHUB_STEP_SUMMARY").ifPresent(summary -> {
                try {
                    summary.append(session.secrets().redact(PlanMarkdown.render(plan)));
                } catch (IOException e) {
                    warn("could not write the job summary " + summary.path() + ": " + IoMessages.describe(e));
                }
            });
        }
        String commentUrl = null;
        if (pr.isPresent()) {
            Optional<String> token = token(pr.get(), action);
            if (token.isPresent()) {
                Publication publication = new PullRequestPublisher(pr.get(), token.get(), RuleDocs.DEFAULT_BASE_URL,
                        session.networkTimeout(), session.secrets()::redact).publishPlan(plan);
                publication.warnings().forEach(this::warn);
                PrintWriter err = session.terminal().err();
                err.println("schemagate: " + publication.describeSummary("pull request #" + pr.get().number(),
                        "plan comment"));
                err.flush();
                commentUrl = publication.summaryUrl();
            }
        }
        String url = commentUrl;
        action.ifPresent(a -> {
            a.output(session, "errors", Long.toString(plan.verdict() == null ? 0 : plan.verdict().errors()));
            a.output(session, "warnings", Long.toString(plan.verdict() == null ? 0 : plan.verdict().warnings()));
            if (a.reportPath() != null) {
                a.output(session, "report", a.reportPath().toString());
            }
            a.output(session, "comment-url", url == null ? "" : url);
        });
    }

    /** The token that may comment, or empty after saying why nothing is posted. */
    private Optional<String> token(PullRequestContext pr, Optional<GithubAction> action) {
        Map<String, String> env = session.env();
        Optional<String> token = Optional.ofNullable(options.token)
                .or(() -> Optional.ofNullable(env.get("GITHUB_TOKEN")))
                .filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            if (action.isPresent()) {
                warn("no github-token: nothing was posted on pull request #" + pr.number());
            } else if (JenkinsBuild.detected(env)) {
                warn("no GitHub token: nothing was posted on pull request #" + pr.number() + "; bind GITHUB_TOKEN with"
                        + " withCredentials (or githubCredentialsId of schemagateLint) to a Secret text credential"
                        + " holding a token that may write pull requests (fine-grained: Pull requests read and write;"
                        + " classic: repo). Reports and the gate work without it");
            }
        }
        return token;
    }

    /** Posts to the pull request; returns the summary comment's address, or null. */
    private String comment(LintReport report, MigrationDir dir, PullRequestContext pr, Optional<RepositoryPaths> paths,
            Optional<GithubAction> action, boolean suggestions) {
        Optional<String> token = token(pr, action);
        if (token.isEmpty()) {
            return null;
        }
        if (paths.isEmpty()) {
            warn(dir.display() + " is not in a git work tree git will read: findings stay in the summary comment");
        }
        Publication publication = new PullRequestPublisher(pr, token.get(), RuleDocs.DEFAULT_BASE_URL,
                session.networkTimeout(), session.secrets()::redact)
                .publish(report, paths.isPresent() ? paths.get() : file -> Optional.empty(), suggestions);
        publication.warnings().forEach(this::warn);
        PrintWriter err = session.terminal().err();
        err.println("schemagate: " + publication.describe("pull request #" + pr.number(), "summary comment"));
        err.flush();
        return publication.summaryUrl();
    }

    /** A workflow-command warning in GitHub Actions (it shows on the run's page), else a line on stderr. */
    private void warn(String message) {
        if ("true".equals(session.env().get("GITHUB_ACTIONS"))) {
            session.terminal().out().println("::warning title=schemagate::" + GithubReport.data(message));
            session.terminal().out().flush();
        } else {
            session.terminal().err().println("schemagate: warning: " + message);
            session.terminal().err().flush();
        }
    }
}
