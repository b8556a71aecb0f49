package io.schemagate.cli;

import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.diff.DesiredSchema;
import io.schemagate.core.diff.DiffRequest;
import io.schemagate.core.diff.DriftCheck;
import io.schemagate.core.diff.PlanException;
import io.schemagate.core.git.RepositoryPaths;
import io.schemagate.core.history.HistoryException;
import io.schemagate.core.history.NewFiles;
import io.schemagate.core.lint.LintRequest;
import io.schemagate.core.lint.MigrateLint;
import io.schemagate.core.lint.Progress;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.policy.GateVerdict;
import io.schemagate.core.plan.PlanOptions;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.registry.MigrationArtifact;
import io.schemagate.core.registry.OciRef;
import io.schemagate.core.registry.RegistryClient;
import io.schemagate.core.registry.RegistryException;
import io.schemagate.core.replay.ReplayException;
import io.schemagate.core.report.CodeQualityReport;
import io.schemagate.core.report.GithubReport;
import io.schemagate.core.report.JunitReport;
import io.schemagate.core.report.LintJson;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.LintText;
import io.schemagate.core.report.MarkdownReport;
import io.schemagate.core.report.SarifReport;
import io.schemagate.core.report.TextStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

@Command(name = "lint",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "Replay the directory on a disposable dev database and report what each new migration changes"
                + " and what is wrong with it. Exits 1 when an error-level finding fails the gate.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  schemagate migrate lint --dir file://migrations --latest 1",
            "  schemagate migrate lint --dir migrations --git-base origin/main",
            "  schemagate migrate lint --dir migrations --base oci://ghcr.io/acme/shop-migrations:latest",
            "  schemagate migrate lint --dir migrations --dev-url postgres://postgres:pass@localhost:5432/postgres",
            "  schemagate migrate lint --dir migrations --dev-url embedded://postgres/17 --format json",
            "  schemagate migrate lint --dir migrations --dialect mysql --dev-url mysql://root:pass@localhost:3306/",
            "  schemagate migrate lint --dir migrations --dialect sqlite",
            "  schemagate migrate lint --dir migrations --report json=lint.json --report text=lint.txt",
            "",
            "Dev databases (--dev-url):",
            "  embedded://postgres[/MAJOR]      a private PostgreSQL 14-18 server (default: " + DevUrl.DEFAULT_URL + ")",
            "  postgres://USER:PASS@HOST:PORT/DB a server; schemagate creates and drops a scratch database",
            "  docker://postgres/MAJOR[/DB]     a container, where a container engine is available",
            "  mysql://USER:PASS@HOST:PORT[/DB] a MySQL 8 or MariaDB server (also mariadb://); a scratch database",
            "  embedded://mariadb               a private MariaDB server (default with --dialect mysql)",
            "  sqlite://NAME?mode=memory        an in-memory SQLite (default with --dialect sqlite); sqlite://PATH",
            "",
            "New files: --git-base REF, --base oci://…, --latest N, or in CI the change request's target branch;",
            "outside CI the last file.",
            "",
            "In a GitHub Actions job for a pull request, GITHUB_TOKEN (or --github-token) makes lint post the summary",
            "comment and line comments with suggested fixes; with no arguments and GITHUB_ACTIONS=true, schemagate",
            "runs as the GitHub Action, from its INPUT_* variables.",
            "In a GitLab merge-request pipeline, GITLAB_TOKEN (or --gitlab-token) makes lint post the summary note and",
            "diff threads with suggestions; CI_JOB_TOKEN cannot post notes."})
final class LintCommand implements Callable<Integer> {
    @Mixin
    DirectoryOptions options;

    @Mixin
    DevDatabaseOptions dev;

    @ArgGroup(exclusive = true)
    Selection selection = new Selection();

    static final class Selection {
        @Option(names = "--git-base", paramLabel = "REF",
                description = "New files are those added or changed since the merge base of REF and HEAD.")
        String gitBase;

        @Option(names = "--latest", paramLabel = "N", description = "New files are the last N files.")
        Integer latest;

        @Option(names = "--base", paramLabel = "oci://HOST/REPOSITORY[:TAG]",
                description = "New files are those not in the directory pushed under TAG (default latest) with"
                        + " \"migrate push\"; edited or deleted pushed files are reported too.")
        String base;
    }

    @Mixin
    RegistryOptions registry;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output on stdout: text, json, markdown, sarif, junit, codequality, github or dotenv"
                    + " (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--report", paramLabel = "FORMAT=PATH",
            description = "Also write a report file in any --format, e.g. json=lint.json, codequality=gl-code-quality.json"
                    + " or dotenv=lint.env (errors=N, warnings=N); repeatable.")
    List<String> reports = new ArrayList<>();

    @Mixin
    PolicyOptions policyOptions;

    @Mixin
    GithubOptions.Lint github = new GithubOptions.Lint();

    @Mixin
    GitlabOptions.Lint gitlab = new GitlabOptions.Lint();

    @Option(names = "--to", paramLabel = "file://PATH",
            description = "Drift check: also fail (DI518) when the directory's end state differs from this desired"
                    + " schema (a .sql file, or a folder of them), naming the missing statements.")
    String to;

    @Option(names = "--base-cache", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep the replayed base (the files before the new ones) on the dev database's server as a"
                    + " template database, and on the embedded default also its data directory under the cache"
                    + " directory, so the next run with the same base replays only its new files (default: on;"
                    + " --no-base-cache: replay the whole base every time, keep nothing).")
    boolean baseCache = true;

    @Option(names = "--progress", negatable = true,
            description = "Say on stderr what lint is doing once it runs longer than 2 s, at most once a second"
                    + " (default: only when stderr is a terminal; --no-progress: never).")
    Boolean progress;

    private final Session session;

    LintCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        // Every flag and the policy file are checked before anything starts: a typo must not cost a database
        // start-up, and must not be reported as a database or registry failure.
        Renderer stdout = Renderer.parse(format, "--format");
        List<ReportFile> files = reports.stream().map(ReportFile::parse).toList();
        List<Renderer> renderers = files.stream().map(f -> Renderer.parse(f.format(), "--report format")).toList();
        DevUrl url = dev.url(session.env());
        DevSettings settings = dev.settings();
        MigrationDir dir = options.directory();
        DirFormat dirFormat = options.dirFormat();
        Policy policy = policyOptions.policy(dir);
        DesiredSchema desired = desiredSchema();
        NewFiles selection = newFiles(dir); // last: --base reads the registry
        LintRequest request = new LintRequest(dir, dirFormat, selection, url, settings, policy, session.env(), baseCache);
        LintReport report;
        try (ProgressLine line = progressLine()) {
            report = MigrateLint.run(request, line == null ? Progress.NONE : line);
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, dir.display() + ": cannot read: " + IoMessages.describe(e), e);
        } catch (HistoryException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (DevDatabaseException | ReplayException e) {
            throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
        }
        if (desired != null) {
            report = drift(report, request, desired);
        }
        GateVerdict verdict = policy.failOn().verdict(report.diagnostics()); // the one decision: exit code and text
        // The verdict first, then every report that can be written: one unwritable path must not cost the others,
        // nor the run's result. Its line goes out at once, so a later failure (publishing) cannot swallow it.
        Terminal terminal = session.terminal();
        UnaryOperator<String> paths = repositoryPaths(dir);
        terminal.out().print(stdout.render(report, verdict, terminal.style(), paths));
        terminal.out().flush();
        boolean unwritten = false;
        for (int i = 0; i < files.size(); i++) {
            ReportFile file = files.get(i);
            String content = renderers.get(i).render(report, verdict, TextStyle.PLAIN, paths);
            Optional<String> problem = file.write(session.secrets().redact(content));
            if (problem.isPresent()) {
                terminal.err().println("schemagate: " + problem.get());
                terminal.err().flush();
                unwritten = true;
            }
        }
        new GithubPublishing(session, github).publish(report, dir, !github.noSuggestions);
        new GitlabPublishing(session, gitlab).publish(report, dir, !gitlab.noSuggestions);
        // The gate's 1 wins, so a blocked change never reads as a retryable environment failure; a passing run
        // whose report is missing fails with 3, so a CI step that uploads the report does not find nothing.
        if (verdict.failed()) {
            return ExitCode.GATE_FAILED;
        }
        return unwritten ? ExitCode.ENVIRONMENT : ExitCode.PASSED;
    }

    /** {@code --to}, checked before any database starts; null without it. */
    private DesiredSchema desiredSchema() {
        if (to == null) {
            return null;
        }
        try {
            DesiredSchema desired = DesiredSchema.parse(to);
            if (!desired.isDatabase()) {
                desired.files();
            }
            return desired;
        } catch (PlanException e) {
            throw new CliException(ExitCode.BAD_INPUT, e.getMessage() + " (--to)", e);
        }
    }

    /** The lint report with the drift check's finding, if the directory no longer builds the desired schema. */
    private LintReport drift(LintReport report, LintRequest lint, DesiredSchema desired) {
        try {
            DiffRequest request = new DiffRequest(lint.dir(), lint.format(), desired, lint.devUrl(), lint.settings(),
                    PlanOptions.SAFE);
            return DriftCheck.check(report, request, lint.policy());
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, lint.dir().display() + ": cannot read: " + IoMessages.describe(e), e);
        } catch (DevDatabaseException e) {
            throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
        }
    }

    /**
     * Report files as the repository names them, for the formats CI platforms match against their own file lists
     * (Code Quality, annotations); as shown when the directory is in no git work tree.
     */
    private static UnaryOperator<String> repositoryPaths(MigrationDir dir) {
        Optional<RepositoryPaths> paths = RepositoryPaths.of(dir.path());
        return file -> paths.flatMap(p -> p.apply(file)).orElse(file);
    }

    /** Progress on stderr when asked for, or by default when a person watches it; {@code null} for none. */
    private ProgressLine progressLine() {
        boolean wanted = progress != null ? progress : StderrTerminal.isTerminal();
        return wanted ? ProgressLine.start(session.terminal().err()) : null;
    }

    private NewFiles newFiles(MigrationDir dir) {
        if (selection.base != null) {
            OciRef ref = RegistryOptions.parse(selection.base, "--base");
            try {
                RegistryClient client = registry.client(ref, session.env());
                return new NewFiles.Pushed(MigrationArtifact.baseListing(client, options.dirFormat(), dir.display()),
                        ref + (ref.tagOrDigest().isEmpty() ? ":latest" : ""));
            } catch (RegistryException e) {
                throw RegistryOptions.failure(e);
            } catch (IOException e) {
                throw new CliException(ExitCode.ENVIRONMENT, "cannot read " + ref + ": " + IoMessages.describe(e), e);
            }
        }
        if (selection.gitBase != null) {
            return new NewFiles.GitBase(selection.gitBase);
        }
        if (selection.latest != null) {
            if (selection.latest < 1) {
                throw new CliException(ExitCode.BAD_INPUT, "--latest must be at least 1");
            }
            return new NewFiles.Latest(selection.latest);
        }
        return new NewFiles.Auto();
    }

    /** The report formats this command renders; every one but {@code text} ignores the style. */
    enum Renderer {
        TEXT("text"), JSON("json"), MARKDOWN("markdown"), SARIF("sarif"), JUNIT("junit"), CODEQUALITY("codequality"),
        GITHUB("github"), DOTENV("dotenv");

        private final String id;

        Renderer(String id) {
            this.id = id;
        }

        static Renderer parse(String id, String flag) {
            for (Renderer renderer : values()) {
                if (renderer.id.equals(id)) {
                    return renderer;
                }
            }
            List<String> ids = Arrays.stream(values()).map(r -> r.id).toList();
            throw new CliException(ExitCode.BAD_INPUT, "unknown " + flag + " \"" + id + "\"; expected "
                    + String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1));
        }

        /** @param paths a report file's name as the repository names it (Code Quality and annotations need that) */
        String render(LintReport report, GateVerdict verdict, TextStyle style, UnaryOperator<String> paths) {
            return switch (this) {
                case TEXT -> LintText.render(report, verdict, style);
                case JSON -> LintJson.render(report);
                case MARKDOWN -> MarkdownReport.render(report);
                case SARIF -> SarifReport.render(report);
                case JUNIT -> JunitReport.render(report);
                case CODEQUALITY -> CodeQualityReport.render(report, paths);
                case GITHUB -> GithubReport.render(report, paths);
                case DOTENV -> new Dotenv()
                        .set("errors", Long.toString(report.count(Severity.ERROR)))
                        .set("warnings", Long.toString(report.count(Severity.WARNING)))
                        .render();
            };
        }
    }
}
