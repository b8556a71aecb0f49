package io.schemagate.cli;

import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.registry.MigrationArtifact;
import io.schemagate.core.registry.MigrationArtifact.Provenance;
import io.schemagate.core.registry.OciRef;
import io.schemagate.core.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "push",
        mixinStandardHelpOptions = true,
        versionProvider = SchemagateCommand.Version.class,
        description = "Push the directory (its migration files and atlas.sum) to an OCI registry as an immutable"
                + " artifact, tagged with the commit SHA, latest, and each --tag. Tags other than latest never move:"
                + " pushing different content to one exits 1; pushing the same content again changes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  schemagate migrate push --dir migrations --to oci://ghcr.io/acme/shop-migrations",
            "  schemagate migrate push --dir db/migrations --dir-format flyway \\",
            "      --to oci://$CI_REGISTRY/$CI_PROJECT_PATH/migrations --tag v1.4.0",
            "  schemagate migrate push --dir migrations --to oci://localhost:5000/migrations",
            "",
            "The commit SHA comes from GITHUB_SHA, CI_COMMIT_SHA or GIT_COMMIT, else git rev-parse HEAD.",
            "Exit codes: 0 pushed, 1 a tag holds other content, 2 bad input, 3 registry unreachable or refused",
            "(or a --report file could not be written after the push)."})
final class PushCommand implements Callable<Integer> {
    @Mixin
    DirectoryOptions options;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--to", paramLabel = "oci://HOST[:PORT]/REPOSITORY", required = true,
            description = "Where to push.")
    String to;

    @Option(names = "--tag", paramLabel = "TAG", description = "Another tag; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--report", paramLabel = "dotenv=PATH",
            description = "Also write what was pushed as ref=REPOSITORY:SHA-OR-TAG and digest=sha256:… lines, e.g. for"
                    + " GitLab's artifacts:reports:dotenv.")
    List<String> reports = new ArrayList<>();

    private final Session session;

    PushCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        List<ReportFile> files = reports.stream().map(ReportFile::parse).toList();
        for (ReportFile file : files) {
            if (!file.format().equals("dotenv")) {
                throw new CliException(ExitCode.BAD_INPUT, "unknown --report format \"" + file.format()
                        + "\"; push writes only dotenv");
            }
        }
        MigrationDir dir = options.directory();
        OciRef ref = RegistryOptions.parse(to, "--to");
        if (ref.tagOrDigest().isPresent()) {
            throw new CliException(ExitCode.BAD_INPUT, "--to names a repository without a tag or digest; use --tag");
        }
        for (String tag : tags) { // before any connection: a bad tag must not half-push the others
            try {
                OciRef.checkTag(tag);
            } catch (RegistryException e) {
                throw new CliException(ExitCode.BAD_INPUT, "--tag \"" + tag + "\": not a valid tag (letters, digits,"
                        + " _ . -, at most 128, not starting with . or -)", e);
            }
        }
        Map<String, String> env = session.env();
        Optional<String> sha = commitSha(env, dir.path());
        List<String> all = new ArrayList<>();
        sha.ifPresent(all::add);
        all.add(MigrationArtifact.LATEST);
        all.addAll(tags);
        Provenance provenance = new Provenance(sha.orElse(null), source(env).orElse(null),
                sha.flatMap(s -> git(dir.path(), "show", "-s", "--format=%cI", s)).orElse(null));
        MigrationArtifact.PushResult result;
        try {
            result = MigrationArtifact.push(registry.client(ref, session.env()), dir, options.dirFormat(), all, provenance);
        } catch (RegistryException e) {
            throw RegistryOptions.failure(e);
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, dir.display() + ": cannot read: " + IoMessages.describe(e), e);
        }
        var out = session.terminal().out();
        out.println(ref.repositoryUrl() + "@" + result.digest());
        for (String tag : all.stream().distinct().toList()) {
            out.println("  " + ref.repositoryUrl() + ":" + tag
                    + (result.created().contains(tag) ? "" : " (unchanged)"));
        }
        String pushedRef = ref.repositoryUrl() + ":" + all.get(0);
        session.action().ifPresent(action -> {
            action.output(session, "ref", pushedRef);
            action.output(session, "digest", result.digest());
        });
        // The push happened: a report that cannot be written fails the job (3) but is no reason to push again.
        String dotenv = new Dotenv().set("ref", pushedRef).set("digest", result.digest()).render();
        boolean unwritten = false;
        for (ReportFile file : files) {
            Optional<String> problem = file.write(session.secrets().redact(dotenv));
            if (problem.isPresent()) {
                session.terminal().err().println("schemagate: " + problem.get());
                session.terminal().err().flush();
                unwritten = true;
            }
        }
        return unwritten ? ExitCode.ENVIRONMENT : ExitCode.PASSED;
    }

    static Optional<String> commitSha(Map<String, String> env, Path dir) {
        for (String name : List.of("GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT")) {
            String value = env.get(name);
            if (value != null && value.matches("[0-9a-fA-F]{7,64}")) {
                return Optional.of(value.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return git(dir, "rev-parse", "HEAD");
    }

    static Optional<String> source(Map<String, String> env) {
        if (env.get("GITHUB_SERVER_URL") != null && env.get("GITHUB_REPOSITORY") != null) {
            return Optional.of(env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY"));
        }
        return Optional.ofNullable(env.get("CI_PROJECT_URL"));
    }

    /** One line of git's output, empty when git is missing, fails, or the directory is not in a repository. */
    static Optional<String> git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 && !output.isEmpty() && !output.contains("\n") ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
