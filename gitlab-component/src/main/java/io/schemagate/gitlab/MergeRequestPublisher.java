package io.schemagate.gitlab;

import io.schemagate.core.diff.PlanReport;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.report.PlanMarkdown;
import io.schemagate.core.review.ChangedFile;
import io.schemagate.core.review.DiffPlacement;
import io.schemagate.core.review.LineComment;
import io.schemagate.core.review.LineComments;
import io.schemagate.core.review.Publication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.glassfish.jersey.client.ClientProperties;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.Pager;
import org.gitlab4j.api.models.Diff;
import org.gitlab4j.api.models.DiffRef;
import org.gitlab4j.api.models.Discussion;
import org.gitlab4j.api.models.MergeRequest;
import org.gitlab4j.api.models.Note;
import org.gitlab4j.api.models.Position;

/**
 * Puts a lint report on a merge request: one summary note per directory, created once and then updated in place;
 * a diff thread for each finding on a changed line that earlier runs have not posted; and earlier threads whose
 * finding is gone resolved (or, when the token may not resolve, answered once). Only notes the token's own user wrote
 * count as schemagate's, so a participant cannot plant a marker. Nothing here throws: a failed call becomes a
 * warning, and the verdict is the caller's. Every call has a connect and a read timeout; every body posted passes
 * through the caller's redaction, then {@link QuickActions#disarm}.
 */
public final class MergeRequestPublisher {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** GitLab's largest page: fewer calls on long merge requests. */
    static final int PAGE = 100;
    /** How every hidden marker and tag starts: a summary note's, a thread's, a gone reply's. */
    static final String HIDDEN = "<!-- schemagate:";
    /** How the plan's summary note starts ({@link PlanMarkdown#marker}). */
    static final String PLAN_HIDDEN = "<!-- " + PlanMarkdown.MARKER_KIND + ":";
    /** Hidden in the reply that says a finding is gone, so a re-run does not say it again. */
    static final String GONE_MARKER = "<!-- schemagate:gone -->";
    /** The JDK's switch for {@code HttpURLConnection} sending a POST again when its connection ends unanswered. */
    static final String RETRY_POST = "sun.net.http.retryPost";

    static {
        // GitLab4J talks through Jersey's HttpURLConnection connector, which by default sends a POST once more, unasked,
        // when the connection ends without an answer: a proxy failing after GitLab created a note or a thread would
        // leave a duplicate. JDK-wide and read once, when HttpURLConnection is first used; a value set by the user
        // stays. (GET and PUT are still retried once: they are safe to repeat.)
        if (System.getProperty(RETRY_POST) == null) {
            System.setProperty(RETRY_POST, "false");
        }
    }

    private final MergeRequestContext mr;
    private final String token;
    private final String docsBaseUrl;
    private final Duration timeout;
    private final UnaryOperator<String> redact;

    /**
     * @param mr          the merge request
     * @param token       an access token that may comment on merge requests ({@link TokenAdvice#NEEDED})
     * @param docsBaseUrl where rule docs live, for the links in notes
     * @param timeout     the longest wait to connect to GitLab, and for each call's answer
     * @param redact      applied to every body before it is posted: hides the run's secrets
     */
    public MergeRequestPublisher(MergeRequestContext mr, String token, String docsBaseUrl, Duration timeout,
            UnaryOperator<String> redact) {
        this.mr = mr;
        this.token = token;
        this.docsBaseUrl = docsBaseUrl;
        this.timeout = timeout;
        this.redact = redact;
    }

    /**
     * @param report      the report to publish
     * @param repoPath    a finding's file as a repository-relative path, empty when it is outside the repository
     * @param suggestions whether fixes with an edit become suggestions
     */
    public Publication publish(LintReport report, Function<String, Optional<String>> repoPath, boolean suggestions) {
        List<String> warnings = new ArrayList<>();
        try {
            return publish(report, repoPath, suggestions, warnings);
        } catch (RuntimeException e) {
            // GitLab4J reads answers outside its own error handling: a sign-in page or a proxy's page is not JSON.
            warnings.add(GitlabFailure.unexpected("could not publish on " + mr.display(), e));
            return Publication.failed(warnings);
        }
    }

    private Publication publish(LintReport report, Function<String, Optional<String>> repoPath, boolean suggestions,
            List<String> warnings) {
        try (GitLabApi api = api()) {
            Opened opened = open(api, warnings);
            if (opened == null) {
                return Publication.failed(warnings);
            }
            MergeRequest request = opened.request();
            long me = opened.me();
            String summaryUrl = null;
            try {
                summaryUrl = upsert(api, request, me, MarkdownReport.render(report, docsBaseUrl), MarkdownReport::marker,
                        report.dir(), repoPath,
                        // A merge request that neither adds migrations nor has findings gets no new note.
                        report.addedFiles() > 0 || !report.diagnostics().isEmpty());
            } catch (GitLabApiException e) {
                warnings.add(GitlabFailure.describe("could not post the summary note", e));
            }
            DiffRef refs = request.getDiffRefs();
            if (refs == null || refs.getHeadSha() == null) {
                warnings.add("could not post diff threads: GitLab gave no diff_refs for " + mr.display()
                        + " (its diff is still being prepared); findings stay in the summary note");
                return new Publication(summaryUrl, 0, 0, 0, 0, 0, warnings);
            }
            DiffPlacement.Plan plan;
            List<Discussion> ours;
            Map<String, String> oldPaths = new LinkedHashMap<>();
            try {
                Map<String, ChangedFile> files = new LinkedHashMap<>();
                for (Diff diff : diffs(api)) {
                    if (!Boolean.TRUE.equals(diff.getDeletedFile()) && diff.getNewPath() != null) {
                        files.put(diff.getNewPath(), ChangedFile.of(diff.getNewPath(),
                                Boolean.TRUE.equals(diff.getNewFile()), diff.getDiff()));
                        oldPaths.put(diff.getNewPath(), diff.getOldPath() == null ? diff.getNewPath() : diff.getOldPath());
                    }
                }
                plan = DiffPlacement.plan(report.diagnostics(), repoPath, files, suggestions);
                ours = all(api.getDiscussionsApi().getMergeRequestDiscussionsPager(mr.projectId(), mr.iid(), PAGE))
                        .stream().filter(d -> LineComment.taggedCode(firstNote(d, me).map(Note::getBody).orElse(null))
                                .isPresent())
                        .toList();
            } catch (GitLabApiException e) {
                warnings.add(GitlabFailure.describe("could not post diff threads", e));
                return new Publication(summaryUrl, 0, 0, 0, 0, 0, warnings);
            }
            Threads threads = new Threads(api, refs, oldPaths, me, warnings);
            threads.post(plan.placed(), ours);
            threads.keep(plan.beyondLimit(), ours);
            threads.resolveGone(ours, inDirectory(repoPath.apply(report.dir())));
            return new Publication(summaryUrl, threads.posted, threads.alreadyPosted, plan.outsideDiff(),
                    plan.overLimit(), threads.resolved, warnings);
        }
    }

    /**
     * Puts {@code schema plan}'s report on the merge request: one note per directory with a marker of its own
     * ({@link PlanMarkdown#marker}), so lint's note stays as it is; created when there is a plan, updated on every run
     * after, an in-sync run included (it creates none). No diff threads: the planned files are in no diff.
     *
     * @param repoPath a path as the repository names it, for a marker that is the same on every runner
     */
    public Publication publishPlan(PlanReport plan, Function<String, Optional<String>> repoPath) {
        List<String> warnings = new ArrayList<>();
        try (GitLabApi api = api()) {
            Opened opened = open(api, warnings);
            if (opened == null) {
                return Publication.failed(warnings);
            }
            String url = null;
            try {
                url = upsert(api, opened.request(), opened.me(), PlanMarkdown.render(plan, docsBaseUrl), PlanMarkdown::marker, plan.dir(),
                        repoPath, !plan.inSync());
            } catch (GitLabApiException e) {
                warnings.add(GitlabFailure.describe("could not post the plan note", e));
            }
            return new Publication(url, 0, 0, 0, 0, 0, warnings);
        } catch (RuntimeException e) {
            // GitLab4J reads answers outside its own error handling: a sign-in page or a proxy's page is not JSON.
            warnings.add(GitlabFailure.unexpected("could not publish on " + mr.display(), e));
            return Publication.failed(warnings);
        }
    }

    private GitLabApi api() {
        GitLabApi api = new GitLabApi(mr.serverUrl(), token,
                Map.of(ClientProperties.CONNECTOR_PROVIDER, NoRedirects.class.getName()));
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        api.setRequestTimeout(millis, millis);
        return api;
    }

    /**
     * Updates the note that carries this directory's marker and was written by the token's user (searching every
     * page), or creates it when {@code create}.
     *
     * @param rendered the body, starting with {@code marker.apply(dir)}
     */
    /** The merge request, and the user the token belongs to (whose notes are ours to update). */
    private record Opened(MergeRequest request, long me) {
    }

    /** Reads both, or says in {@code warnings} why it could not; null then. */
    private Opened open(GitLabApi api, List<String> warnings) {
        try {
            return new Opened(api.getMergeRequestApi().getMergeRequest(mr.projectId(), mr.iid()),
                    api.getUserApi().getCurrentUser().getId());
        } catch (GitLabApiException e) {
            warnings.add(GitlabFailure.describe("could not read " + mr.display() + " of project " + mr.projectId(), e));
            return null;
        }
    }

    private String upsert(GitLabApi api, MergeRequest request, long me, String rendered,
            Function<String, String> marker, String dir, Function<String, Optional<String>> repoPath, boolean create)
            throws GitLabApiException {
        // The marker names the directory as the repository does, when it can: an absolute --dir lies under a builds
        // path that differs between runners and concurrent jobs (/builds/TOKEN/N/…), and would lose the note.
        String own = marker.apply(dir);
        String stable = marker.apply(repoPath.apply(dir).map(d -> d.isEmpty() ? "." : d).orElse(dir));
        String body = guard(rendered.startsWith(own) ? stable + rendered.substring(own.length()) : rendered);
        String posted = guard(stable); // as posted: the directory redacted as in the body
        for (Note note : all(api.getNotesApi().getMergeRequestNotes(mr.projectId(), mr.iid(), PAGE))) {
            if (!Boolean.TRUE.equals(note.getSystem()) && byUser(note, me) && note.getBody() != null
                    && note.getBody().startsWith(posted)) {
                api.getNotesApi().updateMergeRequestNote(mr.projectId(), mr.iid(), note.getId(), body);
                return noteUrl(request, note.getId());
            }
        }
        if (!create) {
            return null;
        }
        Note created = api.getNotesApi().createMergeRequestNote(mr.projectId(), mr.iid(), body, null, null);
        return noteUrl(request, created.getId());
    }

    /**
     * The merge request's file diffs: the paginated {@code /diffs} (GitLab 15.7 and later), else the deprecated
     * {@code /changes} that older instances have instead.
     */
    private List<Diff> diffs(GitLabApi api) throws GitLabApiException {
        try {
            return all(api.getMergeRequestApi().getDiffs(mr.projectId(), mr.iid(), PAGE));
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() != 404) {
                throw e;
            }
            List<Diff> changes = api.getMergeRequestApi().getMergeRequestChanges(mr.projectId(), mr.iid()).getChanges();
            return changes == null ? List.of() : changes;
        }
    }

    /** Posting, matching and resolving diff threads for one run. */
    private final class Threads {
        private final GitLabApi api;
        private final DiffRef refs;
        private final Map<String, String> oldPaths;
        private final long me;
        private final List<String> warnings;
        private final Set<String> matched = new HashSet<>();
        int posted;
        int alreadyPosted;
        int refused;
        int resolved;

        Threads(GitLabApi api, DiffRef refs, Map<String, String> oldPaths, long me, List<String> warnings) {
            this.api = api;
            this.refs = refs;
            this.oldPaths = oldPaths;
            this.me = me;
            this.warnings = warnings;
        }

        /** Findings past the comment limit get no thread, but their earlier threads stay open: still current. */
        void keep(List<DiffPlacement.Placed> beyondLimit, List<Discussion> ours) {
            for (DiffPlacement.Placed p : beyondLimit) {
                LineComment comment = LineComments.of(p, docsBaseUrl, LineComments.SuggestionSyntax.GITLAB);
                ours.stream().filter(d -> sameAs(comment, d)).findFirst().ifPresent(d -> matched.add(d.getId()));
            }
        }

        void post(List<DiffPlacement.Placed> placed, List<Discussion> ours) {
            GitLabApiException stopped = null;
            int left = 0;
            for (DiffPlacement.Placed p : placed) {
                LineComment comment = LineComments.of(p, docsBaseUrl, LineComments.SuggestionSyntax.GITLAB);
                Optional<Discussion> earlier = ours.stream().filter(d -> sameAs(comment, d)).findFirst();
                if (earlier.isPresent()) {
                    alreadyPosted++;
                    matched.add(earlier.get().getId());
                    continue;
                }
                if (stopped != null) { // still matched above: a current finding's thread is never resolved as gone
                    left++;
                    continue;
                }
                try {
                    api.getDiscussionsApi().createMergeRequestDiscussion(mr.projectId(), mr.iid(),
                            guard(comment.body()), null, null, position(comment));
                    posted++;
                } catch (GitLabApiException e) {
                    if (e.getHttpStatus() == 400) { // this line only: GitLab refused the position
                        warnings.add(GitlabFailure.describe("could not post the thread on " + comment.path() + ":"
                                + comment.line(), e));
                        refused++;
                        continue;
                    }
                    stopped = e; // the same answer would come for every other thread: post no more
                    left++;
                }
            }
            if (stopped != null) {
                warnings.add(GitlabFailure.describe("could not post " + left + " diff thread"
                        + (left == 1 ? "" : "s"), stopped));
            }
        }

        /**
         * Threads of findings that are gone: resolved, or when the token may not, answered once. Only threads on files
         * of this report's directory: another directory's findings, linted by another job, are not this run's to judge.
         */
        void resolveGone(List<Discussion> ours, Predicate<String> inDirectory) {
            for (Discussion d : ours) {
                Note first = firstNote(d, me).orElseThrow();
                Position at = first.getPosition();
                if (at == null || at.getNewPath() == null || !inDirectory.test(at.getNewPath())) {
                    continue;
                }
                if (matched.contains(d.getId()) || !Boolean.TRUE.equals(first.getResolvable())
                        || Boolean.TRUE.equals(first.getResolved()) || answered(d)) {
                    continue;
                }
                try {
                    api.getDiscussionsApi().resolveMergeRequestDiscussion(mr.projectId(), mr.iid(), d.getId(), true);
                    resolved++;
                } catch (GitLabApiException e) {
                    if (e.getHttpStatus() != 403) {
                        warnings.add(GitlabFailure.describe("could not resolve a thread on " + where(first), e));
                        continue;
                    }
                    try {
                        api.getDiscussionsApi().addMergeRequestThreadNote(mr.projectId(), mr.iid(), d.getId(),
                                guard(GONE_MARKER + "\nschemagate: this finding is gone as of "
                                        + refs.getHeadSha().substring(0, Math.min(8, refs.getHeadSha().length()))
                                        + ". (The token may not resolve threads; the Developer role may.)"), null);
                        resolved++;
                    } catch (GitLabApiException again) {
                        warnings.add(GitlabFailure.describe("could not answer the thread on " + where(first), again));
                        if (again.getHttpStatus() == 403) {
                            return; // a token that may not write: every other thread would answer the same
                        }
                    }
                }
            }
        }

        private boolean answered(Discussion d) {
            return d.getNotes().stream().anyMatch(n -> byUser(n, me) && n.getBody() != null
                    && n.getBody().contains(GONE_MARKER));
        }

        private Position position(LineComment comment) {
            Position position = new Position();
            position.setBaseSha(refs.getBaseSha());
            position.setStartSha(refs.getStartSha());
            position.setHeadSha(refs.getHeadSha());
            position.setPositionType(Position.PositionType.TEXT);
            position.setNewPath(comment.path());
            position.setOldPath(oldPaths.getOrDefault(comment.path(), comment.path())); // a renamed file's old name
            position.setNewLine(comment.line());
            return position;
        }
    }

    private static boolean sameAs(LineComment comment, Discussion d) {
        Note first = d.getNotes().get(0);
        Position at = first.getPosition();
        return at != null && at.getNewPath() != null && at.getNewLine() != null
                && comment.sameAs(at.getNewPath(), at.getNewLine(), first.getBody());
    }

    /** Whether a repository path is in the report's directory ({@code dir}, repository-relative); none when unknown. */
    private static Predicate<String> inDirectory(Optional<String> dir) {
        if (dir.isEmpty()) {
            return path -> false;
        }
        String prefix = dir.get().replaceAll("/+$", "");
        return prefix.isEmpty() || prefix.equals(".") ? path -> true : path -> path.startsWith(prefix + "/");
    }

    private static String where(Note note) {
        Position at = note.getPosition();
        return at == null ? "the merge request" : at.getNewPath() + ":" + at.getNewLine();
    }

    /** The discussion's first note when the token's user wrote it. */
    private static Optional<Note> firstNote(Discussion d, long me) {
        List<Note> notes = d.getNotes();
        return notes == null || notes.isEmpty() || !byUser(notes.get(0), me) ? Optional.empty() : Optional.of(notes.get(0));
    }

    private static boolean byUser(Note note, long user) {
        return note.getAuthor() != null && note.getAuthor().getId() != null && note.getAuthor().getId() == user;
    }

    /**
     * The caller's redaction, then {@link QuickActions#disarm}. The opening {@value #HIDDEN} (or {@value #PLAN_HIDDEN})
     * of a hidden marker or tag
     * is schemagate's own text, kept as is: a secret that happens to be a word of it (a dev database password
     * {@code schemagate}) would otherwise mask every marker, and each re-run would post a new note and every thread
     * again.
     */
    private String guard(String body) {
        for (String hidden : List.of(HIDDEN, PLAN_HIDDEN)) {
            if (body.startsWith(hidden)) {
                return QuickActions.disarm(hidden + redact.apply(body.substring(hidden.length())));
            }
        }
        return QuickActions.disarm(redact.apply(body));
    }

    private static String noteUrl(MergeRequest request, Long noteId) {
        return request.getWebUrl() == null ? null : request.getWebUrl() + "#note_" + noteId;
    }

    /** Every page; GitLab4J's pager wraps a failed later page in an unchecked exception. */
    private static <T> List<T> all(Pager<T> pager) throws GitLabApiException {
        try {
            return pager.all();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof GitLabApiException api) {
                throw api;
            }
            throw new GitLabApiException(e);
        }
    }
}
