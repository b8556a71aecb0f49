package io.schemagate.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.lint.Diagnostic;
import io.schemagate.core.lint.Severity;
import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    })
    void problemsNameTheLineAndColumn(String yaml, String at, String message) throws Exception {
        SourceException e = assertThrows(SourceException.class, () -> load(yaml.replace("\\n", "\n")));
        assertEquals(at, e.position().line() + ":" + e.position().column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("schemagate.yaml:" + at + ": " + message), e.getMessage());
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
