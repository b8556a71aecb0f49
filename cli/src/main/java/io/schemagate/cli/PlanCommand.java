package io.schemagate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.diff.DiffRequest;
import io.schemagate.core.diff.DiffResult;
import io.schemagate.core.diff.PlanFiles.PlanFile;
import io.schemagate.core.diff.PlanLint;
import io.schemagate.core.diff.PlanReport;
import io.schemagate.core.history.HistoryException;
import io.schemagate.core.policy.GateVerdict;
import io.schemagate.core.policy.Policy;
import io.schemagate.core.replay.ReplayException;
import io.schemagate.core.report.LintJson;
import io.schemagate.core.report.LintReport;
import io.schemagate.core.report.LintText;
import io.schemagate.core.report.PlanMarkdown;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "Print the migration migrate diff would write, and lint it as the new files it would be,"
                + " without writing anything. The gate decides the exit code, as for migrate lint.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  schemagate schema plan --dir file://migrations --to file://schema.sql",
            "  schemagate schema plan --dir db/migrations --to file://db/schema --format json",
            "",
            "In a GitHub Actions job for a pull request, GITHUB_TOKEN (or --github-token) makes plan post its own",
            "comment (beside lint's), updated on every run; the action's job summary gets it too. In a GitLab",
            "merge-request pipeline, GITLAB_TOKEN (or --gitlab-token) makes it post its own note. An in-sync run",
            "updates an earlier comment to say so, and posts none where there is none.",
            "",
            "Exit codes: 0 in sync, or the plan passes the gate; 1 the plan's findings fail the gate; 2 bad input;",
            "3 dev database failure (or a --report that could not be written)."})
final class PlanCommand implements Callable<Integer> {
    private static final List<String> REPORT_FORMATS = List.of("json", "markdown", "dotenv");

    @Mixin
    DirectoryOptions options;

    @Mixin
    DevDatabaseOptions dev;

    @Mixin
    PlanFlags plan;

    @Mixin
    PolicyOptions policyOptions;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output on stdout: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--report", paramLabel = "FORMAT=PATH",
            description = "Also write the plan in FORMAT (json, markdown or dotenv) to PATH; repeatable.")
    List<String> reports = new ArrayList<>();

    @Mixin
    GithubOptions github = new GithubOptions();

    @Mixin
    GitlabOptions gitlab = new GitlabOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", defaultValue = "plan",
            description = "The name the files would get (default: ${DEFAULT-VALUE}).")
    String name;

    private final Session session;
    private final Clock clock;

    PlanCommand(Session session) {
        this(session, Clock.systemUTC());
    }

    PlanCommand(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new CliException(ExitCode.BAD_INPUT, "unknown --format \"" + format + "\"; expected text or json");
        }
        List<ReportFile> files = reports.stream().map(ReportFile::parse).toList();
        for (ReportFile file : files) {
            if (!REPORT_FORMATS.contains(file.format())) {
                throw new CliException(ExitCode.BAD_INPUT, "unknown --report format \"" + file.format()
                        + "\"; expected json, markdown or dotenv");
            }
        }
        DiffRequest request = PlanRun.request(options, dev, plan, session);
        Policy policy = policyOptions.policy(request.dir());
        DiffResult result = PlanRun.run(request, name, clock);
        LintReport report = null;
        GateVerdict verdict = null;
        if (!result.plan().isEmpty()) {
            try {
                report = PlanLint.lint(request, result, policy, session.env());
            } catch (IOException | HistoryException e) {
                throw new CliException(ExitCode.BAD_INPUT, "cannot lint the plan: " + e.getMessage(), e);
            } catch (DevDatabaseException | ReplayException e) {
                throw new CliException(ExitCode.ENVIRONMENT, e.getMessage(), e);
            }
            verdict = policy.failOn().verdict(report.diagnostics());
        }
        PrintWriter out = session.terminal().out();
        out.print(format.equals("json") ? json(request, result, report) : text(request, result, report, verdict));
        out.flush();
        PlanRun.warn(result, session.terminal().err());
        PlanReport summary = PlanReport.of(request, result, report, verdict);
        boolean unwritten = false;
        for (ReportFile file : files) {
            String content = switch (file.format()) {
                case "json" -> json(request, result, report);
                case "markdown" -> PlanMarkdown.render(summary);
                default -> new Dotenv()
                        // Prefixed: a pipeline that includes both components must not see the plan overwrite lint's.
                        .set("plan_errors", Long.toString(verdict == null ? 0 : verdict.errors()))
                        .set("plan_warnings", Long.toString(verdict == null ? 0 : verdict.warnings()))
                        .set("plan_statements", Integer.toString(summary.statements()))
                        .render();
            };
            Optional<String> problem = file.write(session.secrets().redact(content));
            if (problem.isPresent()) {
                session.terminal().err().println("schemagate: " + problem.get());
                session.terminal().err().flush();
                unwritten = true;
            }
        }
        new GithubPublishing(session, github).publishPlan(summary);
        new GitlabPublishing(session, gitlab).publishPlan(summary, request.dir());
        if (verdict != null && verdict.failed()) {
            return ExitCode.GATE_FAILED;
        }
        return unwritten ? ExitCode.ENVIRONMENT : ExitCode.PASSED;
    }

    private String text(DiffRequest request, DiffResult result, LintReport report, GateVerdict verdict) {
        if (report == null) {
            return PlanRun.IN_SYNC + "\n";
        }
        StringBuilder text = new StringBuilder();
        for (PlanFile file : result.files()) {
            text.append("-- ").append(request.dir().displayOf(file.name())).append(" (planned)\n")
                    .append(file.text()).append('\n');
        }
        return text.append(LintText.render(report, verdict, session.terminal().style())).toString();
    }

    private static String json(DiffRequest request, DiffResult result, LintReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dir", request.dir().display());
        doc.put("to", request.desired().display());
        doc.put("inSync", result.plan().isEmpty());
        doc.put("files", result.files().stream().map(f -> Map.of("name", request.dir().displayOf(f.name()),
                "sql", f.text())).toList());
        doc.put("notes", result.plan().notes());
        doc.put("unplanned", result.residual().stream().map(c -> Map.of("kind", c.kind(), "object", c.object()))
                .toList());
        try {
            doc.put("lint", report == null ? null : Json.MAPPER.readTree(LintJson.render(report)));
            return Json.MAPPER.writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Made on first use, not when picocli builds the command tree: Jackson's databind is some 350 classes, which
     * every other command ({@code --version} too) would load for nothing.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
