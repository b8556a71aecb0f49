package io.schemagate.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.testing.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The schemagatePush step: it pushes from the primary branch only, with the registry login bound from the
 * credentials store, to a real registry process that demands it.
 */
class SchemagatePushStepTest {
    static final String USER = "jenkins-push";
    static final String PASSWORD = "registry-pw-97531";
    static RegistryProcess registry;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        registry = new RegistryProcess(work -> {
            Path htpasswd = work.resolve("htpasswd");
            Files.writeString(htpasswd, USER + ":" + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(5)) + "\n");
            return "  htpasswd:\n    realm: schemagate-test\n    path: " + htpasswd + "\n";
        });
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static String jenkinsfile(Workspace ws, String more) {
        return jenkinsfile(ws, "acme/shop-migrations", more);
    }

    private static String jenkinsfile(Workspace ws, String repository, String more) {
        return "@Library('schemagate') _\n"
                + "def pushed = schemagatePush(dir: 'db/migrations', to: 'oci://" + registry.host() + "/" + repository + "',"
                + " registryCredentialsId: 'registry', command: '" + ws.command + "'" + more + ")\n"
                + "echo \"pushed: ${pushed}\"\n"
                + "return pushed\n";
    }

    /** A multibranch build of branch; a change request when changeId is not null. */
    private PipelineSandbox build(Workspace ws, String branch, boolean primary, String changeId) throws Exception {
        PipelineSandbox build = new PipelineSandbox(temp, ws.root);
        build.env.put("JENKINS_URL", "https://ci.example.com/");
        build.env.put("BRANCH_NAME", branch);
        if (primary) {
            build.env.put("BRANCH_IS_PRIMARY", "true"); // Jenkins sets it on the primary branch only
        }
        build.env.put("GIT_COMMIT", ws.headSha);
        if (changeId != null) {
            build.env.put("CHANGE_ID", changeId);
            build.env.put("CHANGE_TARGET", "main");
        }
        return build.withCredential("registry", new PipelineSandbox.UsernamePassword(USER, PASSWORD));
    }

    @Test
    void thePrimaryBranchPushesWithTheBoundLoginAndReturnsTheReference() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build build = build(ws, "main", true, null).run(jenkinsfile(ws, ", tag: 'release-7'"));

        assertEquals("SUCCESS", build.result(), build.log());
        Map<?, ?> pushed = (Map<?, ?>) build.returned();
        assertEquals("oci://" + registry.host() + "/acme/shop-migrations:" + ws.headSha, pushed.get("ref"), build.log());
        assertTrue(String.valueOf(pushed.get("digest")).matches("sha256:[0-9a-f]{64}"), build.log());
        assertTrue(Files.isDirectory(registry.storage.resolve(
                "docker/registry/v2/repositories/acme/shop-migrations/_manifests/tags/release-7")), build.log());
        assertFalse(build.log().contains(PASSWORD), build.log());
    }

    @Test
    void aChangeRequestOrAnotherBranchDoesNotPush() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build pr = build(ws, "PR-12", false, "12").run(jenkinsfile(ws, "skipped/pr", ""));
        PipelineSandbox.Build feature = build(ws, "feature/drop-name", false, null)
                .run(jenkinsfile(ws, "skipped/branch", ""));

        assertEquals("SUCCESS", pr.result(), pr.log());
        assertNull(pr.returned());
        assertTrue(pr.log().contains("schemagatePush: not pushing from change request 12; only the primary branch pushes"),
                pr.log());
        assertEquals("SUCCESS", feature.result(), feature.log());
        assertTrue(feature.log().contains(
                "schemagatePush: not pushing from branch feature/drop-name: Jenkins does not mark it as the primary branch"),
                feature.log());
        assertEquals(List.of(), pr.calls("sh"));
        assertEquals(List.of(), feature.calls("sh"));
        assertFalse(Files.exists(registry.storage.resolve("docker/registry/v2/repositories/skipped")),
                "nothing reached the registry");
    }

    @Test
    void aRefusedLoginFailsTheBuildWithoutPrintingThePassword() throws Exception {
        Workspace ws = new Workspace(temp);
        PipelineSandbox sandbox = build(ws, "main", true, null)
                .withCredential("registry", new PipelineSandbox.UsernamePassword(USER, "wrong-pw-24680"));

        PipelineSandbox.Build build = sandbox.run(jenkinsfile(ws, ""));

        assertEquals("FAILURE", build.result(), build.log());
        assertTrue(build.log().contains("ERROR: schemagatePush: the database, registry or network failed (exit 3)"),
                build.log());
        assertFalse(build.log().contains("wrong-pw-24680"), build.log());
    }

    @Test
    void pushWithoutADestinationIsAMistakeInTheJenkinsfile() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build build = build(ws, "main", true, null).run("@Library('schemagate') _\n"
                + "schemagatePush(dir: 'db/migrations', command: '" + ws.command + "')\n");

        assertEquals("FAILURE", build.result(), build.log());
        assertTrue(build.log().contains("ERROR: schemagatePush: 'to' is required"), build.log());
    }

    @Test
    void anUnstableBuildDoesNotPushUnlessTold() throws Exception {
        Workspace ws = new Workspace(temp);
        String afterUnstableLint = "@Library('schemagate') _\n"
                + "unstable('the lint gate failed')\n"
                + "return schemagatePush(dir: 'db/migrations', to: 'oci://" + registry.host() + "/acme/unstable',"
                + " registryCredentialsId: 'registry', command: '" + ws.command + "'%s)\n";

        PipelineSandbox.Build held = build(ws, "main", true, null).run(afterUnstableLint.formatted(""));
        PipelineSandbox.Build forced = build(ws, "main", true, null)
                .run(afterUnstableLint.formatted(", onlyIfSuccessful: false"));

        assertEquals("UNSTABLE", held.result(), held.log());
        assertNull(held.returned());
        assertTrue(held.log().contains("schemagatePush: not pushing from a build that is UNSTABLE"), held.log());
        assertEquals("UNSTABLE", forced.result(), forced.log());
        assertTrue(String.valueOf(((Map<?, ?>) forced.returned()).get("digest")).startsWith("sha256:"), forced.log());
    }

    @Test
    void aBranchSourceThatMarksNoPrimaryBranchPushesFromAStageThatSaysSo() throws Exception {
        Workspace ws = new Workspace(temp);

        PipelineSandbox.Build build = build(ws, "main", false, null).run(jenkinsfile(ws, ", onlyPrimary: false"));

        assertEquals("SUCCESS", build.result(), build.log());
        assertTrue(String.valueOf(((Map<?, ?>) build.returned()).get("ref")).endsWith(":" + ws.headSha), build.log());
    }
}
