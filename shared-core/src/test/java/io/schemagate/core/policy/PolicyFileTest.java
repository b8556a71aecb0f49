package io.schemagate.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class PolicyFileTest {
    @TempDir
    Path root;

    @Test
    void readsThresholdSeveritiesAndOptions() throws Exception {
        Policy policy = load("""
                # team policy
                fail-on: warning
                require-reason: true
                rules:
                  DI508: error
                  DI513: off
                  DS103:
                    severity: warning
                    allow: ["drop_.+", ".+_del"]
                """);
        assertEquals(FailOn.WARNING, policy.failOn());
        assertTrue(policy.requireReason());
        assertEquals(Severity.ERROR, policy.rules().get("DI508").severity());
        assertEquals(Severity.OFF, policy.rules().get("DI513").severity());
        assertEquals(Severity.WARNING, policy.rules().get("DS103").severity());
        assertEquals(Map.of("allow", List.of("drop_.+", ".+_del")), policy.rules().get("DS103").options());
    }

    @Test
    void emptyFileIsTheDefaults() throws Exception {
        Policy policy = load("# nothing yet\n");
        assertEquals(FailOn.ERROR, policy.failOn());
        assertEquals(Map.of(), policy.rules());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fail-on: error\\nfial-on: warning\\n | 2:1 | unknown key \"fial-on\"",
        "fail-on: sometimes\\n | 1:10 | fail-on must be error, warning or never",
        "rules:\\n  DI508: loud\\n | 2:10 | DI508: severity must be error, warning, info or off",
        "rules:\\n  drop-table: off\\n | 2:3 | unknown rule code \"drop-table\"",
        "rules: [DI508]\\n | 1:8 | rules must be a mapping",
        "require-reason: yes please\\n | 1:17 | require-reason must be true or false",
        "rules:\\n  DI508: error\\n bad: indent\\n | 3:2 | not valid YAML",
        // issue 10: what a hostile pull request could put in schemagate.yaml
        "rules:\\n  DS103:\\n    allow: [\"drop_(.+\"]\\n | 3:13 | DS103: allow pattern \"drop_(.+\" is not a regular expression: Unclosed group",
        "rules:\\n  DS102:\\n    allow: [\"ok_.+\", \"*bad\"]\\n | 3:22 | DS102: allow pattern \"*bad\" is not a regular expression: Dangling meta character",
        "rules:\\n  DS103:\\n    allow: drop_.+\\n | 3:12 | DS103: allow must be a list of patterns",
        "rules:\\n  DS103:\\n    allow: [[a]]\\n | 3:13 | DS103: an allow pattern must be a single value",
        "rules:\\n  DS103:\\n    alow: [x]\\n | 3:5 | DS103: unknown option \"alow\" (known: severity, allow)",
        "rules:\\n  DI508:\\n    allow: [x]\\n | 3:5 | DI508: unknown option \"allow\" (known: severity)",
        "rules:\\n  DS103:\\n    force: true\\n | 3:5 | DS103: unknown option \"force\"",
        "fail-on: error\\nfail-on: never\\n | 2:1 | duplicate key \"fail-on\" (first on line 1)",
        "rules:\\n  DS103: error\\n  DS103: off\\n | 3:3 | duplicate key \"DS103\" (first on line 2)",
        "rules:\\n  DS103:\\n    severity: error\\n    severity: off\\n | 4:5 | duplicate key \"severity\"",
        "rules:\\n  DS103:\\n    allow: [a]\\n    allow: [b]\\n | 4:5 | duplicate key \"allow\" (first on line 3)",
        "rules: {DS103: error, DS103: off}\\n | 1:23 | duplicate key \"DS103\"",
        "x: &a [1]\\nfail-on: error\\n | 1:4 | YAML anchors (&a) are not allowed",
        "fail-on: *a\\n | 1:10 | YAML aliases (*a) are not allowed",
        "a: [[[[[[[[[[[[1]]]]]]]]]]]]\\n | 1:13 | nested more than 10 levels deep",
    })
    void problemsNameTheLineAndColumn(String yaml, String at, String message) throws Exception {
        SourceException e = assertThrows(SourceException.class, () -> load(yaml.replace("\\n", "\n")));
        assertEquals(at, e.position().line() + ":" + e.position().column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("schemagate.yaml:" + at + ": " + message), e.getMessage());
    }

    @Test
    void billionLaughsIsRefusedAtItsFirstAnchorWithoutExpanding() throws Exception {
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String previous = "*" + (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [").append(String.join(",", java.util.Collections.nCopies(9, previous)))
                    .append("]\n");
        }
        PolicyException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(PolicyException.class, () -> load(yaml.toString())));
        assertEquals("schemagate.yaml:1:4: YAML anchors (&a) are not allowed in a policy file; write the value out",
                e.getMessage());
    }

    @Test
    void allowPatternsAreKeptAsWritten() throws Exception {
        Policy policy = load("rules:\n  DS102:\n    allow: [\"old_.+\"]\n");
        assertEquals(Map.of("allow", List.of("old_.+")), policy.rules().get("DS102").options());
    }

    @Test
    void aNamedPipeIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = root.resolve(PolicyFile.NAME);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        PolicyException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(PolicyException.class, () -> PolicyFile.load(fifo, "p.yaml")));
        assertEquals("p.yaml:1:1: not a regular file (a named pipe, socket or device)", e.getMessage());
    }

    @Test
    void anOversizedFileIsRefused() throws Exception {
        PolicyException e = assertThrows(PolicyException.class,
                () -> load("# " + "x".repeat(PolicyFile.MAX_BYTES) + "\n"));
        assertTrue(e.getMessage().startsWith("schemagate.yaml:1:1: too large for a policy file"), e.getMessage());
    }

    @Test
    void aDiscoveredPolicyMayNotLinkOutOfTheRepository() throws Exception {
        Path repo = Files.createDirectories(root.resolve("repo/db"));
        Files.createDirectory(root.resolve("repo/.git"));
        Path secret = Files.writeString(root.resolve("outside.yaml"), "fail-on: never\n");
        Path link = Files.createSymbolicLink(root.resolve("repo").resolve(PolicyFile.NAME), secret);
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyFile.find(repo, root));
        assertTrue(e.getMessage().startsWith(link + ":1:1: a symbolic link to " + secret.toRealPath() + ", outside"),
                e.getMessage());

        Files.delete(link);
        Path inside = Files.writeString(root.resolve("repo/policies.yaml"), "fail-on: never\n");
        Files.createSymbolicLink(link, inside.getFileName());
        assertEquals(Optional.of(link), PolicyFile.find(repo, root), "a link within the repository is fine");
    }

    @Test
    void policyChangesSeveritiesAndDropsOffRules() {
        Policy policy = new Policy("test", FailOn.ERROR, false, Map.of(
                "DI508", new RuleSetting(Severity.ERROR, Map.of()),
                "DI513", new RuleSetting(Severity.OFF, Map.of())));
        List<Diagnostic> findings = List.of(
                new Diagnostic("DI508", Severity.WARNING, "a.sql", Position.START, "name"),
                new Diagnostic("DI513", Severity.WARNING, "b.sql", Position.START, "empty"),
                new Diagnostic("DI505", Severity.ERROR, "atlas.sum", Position.START, "outdated"));
        List<Diagnostic> applied = policy.apply(findings);
        assertEquals(List.of("DI508 ERROR", "DI505 ERROR"), applied.stream().map(d -> d.code() + " " + d.severity()).toList());
    }

    @Test
    void gateThresholds() {
        List<Diagnostic> warningOnly = List.of(new Diagnostic("DI508", Severity.WARNING, "a.sql", Position.START, "w"));
        assertTrue(FailOn.WARNING.fails(warningOnly));
        assertTrue(!FailOn.ERROR.fails(warningOnly));
        assertTrue(!FailOn.NEVER.fails(List.of(new Diagnostic("DI505", Severity.ERROR, "s", Position.START, "e"))));
    }

    @Test
    void foundAtTheRepositoryRootElseInTheWorkingDirectory() throws Exception {
        Path repo = Files.createDirectories(root.resolve("repo/db/migrations"));
        Files.createDirectory(root.resolve("repo/.git"));
        Path cwd = Files.createDirectory(root.resolve("cwd"));
        Files.writeString(cwd.resolve(PolicyFile.NAME), "fail-on: never\n");
        assertEquals(Optional.empty(), PolicyFile.find(repo, cwd), "inside a repository only its root counts");

        Files.writeString(root.resolve("repo").resolve(PolicyFile.NAME), "fail-on: warning\n");
        assertEquals(root.resolve("repo").resolve(PolicyFile.NAME), PolicyFile.find(repo, cwd).orElseThrow());

        Path loose = Files.createDirectory(root.resolve("loose"));
        assertEquals(cwd.resolve(PolicyFile.NAME), PolicyFile.find(loose, cwd).orElseThrow());
    }

    private Policy load(String yaml) throws Exception {
        Path file = root.resolve(PolicyFile.NAME);
        Files.writeString(file, yaml);
        return PolicyFile.load(file, PolicyFile.NAME);
    }
}
