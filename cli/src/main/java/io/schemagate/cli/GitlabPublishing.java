package io.schemagate.cli;

import io.schemagate.core.diff.PlanReport;
import io.schemagate.core.git.RepositoryPaths;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.RuleDocs;
import io.schemagate.core.review.Publication;
import io.schemagate.gitlab.MergeRequestContext;
import io.schemagate.gitlab.MergeRequestPublisher;
import io.schemagate.gitlab.TokenAdvice;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code migrate lint} and {@code schema plan} do on GitLab after the report is made: in a merge-request pipeline,
 * lint's summary note and diff threads, or the plan's note. The job's reports (Code Quality, JUnit, dotenv) are ordinary {@code --report} files. Nothing here
 * changes the verdict: what cannot be posted becomes a warning.
 */
final class GitlabPublishing {
    private final Session session;
    private final GitlabOptions options;

    GitlabPublishing(Session session, GitlabOptions options) {
        this.session = session;
        this.options = options;
    }

    void publish(LintReport report, MigrationDir dir, boolean suggestions) {
        Optional<MergeRequestContext> mr = mergeRequest();
        Optional<String> token = mr.flatMap(this::token);
        if (token.isEmpty()) {
            return;
        }
        Optional<RepositoryPaths> paths = RepositoryPaths.of(dir.path());
        if (paths.isEmpty()) {
            warn(dir.display() + " is not in a git work tree git will read: findings stay in the summary note");
        }
        Publication publication = new MergeRequestPublisher(mr.get(), token.get(), RuleDocs.DEFAULT_BASE_URL,
                session.networkTimeout(), session.secrets()::redact)
                .publish(report, paths.isPresent() ? paths.get() : file -> Optional.empty(), suggestions);
        publication.warnings().forEach(this::warn);
        PrintWriter err = session.terminal().err();
        err.println("schemagate: " + publication.describe(mr.get().display(), "summary note"));
        err.flush();
    }

    /** {@code schema plan}: its note on the merge request, beside lint's. */
    void publishPlan(PlanReport plan, MigrationDir dir) {
        Optional<MergeRequestContext> mr = mergeRequest();
        Optional<String> token = mr.flatMap(this::token);
        if (token.isEmpty()) {
            return;
        }
        Optional<RepositoryPaths> paths = RepositoryPaths.of(dir.path());
        Publication publication = new MergeRequestPublisher(mr.get(), token.get(), RuleDocs.DEFAULT_BASE_URL,
                session.networkTimeout(), session.secrets()::redact)
                .publishPlan(plan, paths.isPresent() ? paths.get() : file -> Optional.empty());
        publication.warnings().forEach(this::warn);
        PrintWriter err = session.terminal().err();
        err.println("schemagate: " + publication.describeSummary(mr.get().display(), "plan note"));
        err.flush();
    }

    /** The merge request of this pipeline, unless comments are off. */
    private Optional<MergeRequestContext> mergeRequest() {
        if (options.noComment) {
            return Optional.empty();
        }
        return MergeRequestContext.fromEnvironment(session.env()); // none: not a merge-request pipeline
    }

    /** The token that may write notes, or empty after saying which one is needed. */
    private Optional<String> token(MergeRequestContext mr) {
        Map<String, String> env = session.env();
        Optional<String> token = Optional.ofNullable(options.token)
                .or(() -> Optional.ofNullable(env.get("GITLAB_TOKEN")))
                .filter(t -> !t.isBlank());
        String jobToken = env.get("CI_JOB_TOKEN");
        if (token.isEmpty() || token.get().equals(jobToken)) {
            // CI_JOB_TOKEN may read the merge request but never write notes: a call would only fail with 403.
            warn(token.isPresent() || jobToken != null ? TokenAdvice.jobToken(mr)
                    : JenkinsBuild.detected(env) ? TokenAdvice.noTokenInJenkins(mr) : TokenAdvice.noToken(mr));
            return Optional.empty();
        }
        return token;
    }

    private void warn(String message) {
        session.terminal().err().println("schemagate: warning: " + message);
        session.terminal().err().flush();
    }
}
