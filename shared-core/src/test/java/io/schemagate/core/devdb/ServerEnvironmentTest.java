package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the PostgreSQL tools inherit: nothing of the caller's environment but nss_wrapper's variables, which the
 * container image sets for a uid without a passwd entry (the container tests run initdb that way).
 */
class ServerEnvironmentTest {

    @TempDir
    Path temp;

    @Test
    void onlyTheFixedVariablesWithoutNssWrapper() {
        Map<String, String> env = ServerLauncher.environment(temp, Map.of("GITHUB_TOKEN", "ghp_secret",
                "LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libnss_wrapper.so", "PATH", "/opt/evil/bin"));
        assertEquals(Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C", "LANG", "C", "TZ", "UTC", "HOME", temp.toString()), env,
                "a preload without its passwd file passes nothing");
    }

    @Test
    void nssWrapperPassesWithItsPasswdFile() throws IOException {
        Path passwd = Files.writeString(temp.resolve("passwd"), "schemagate-4242:x:4242:4242::/tmp:/bin/sh\n");
        Map<String, String> env = ServerLauncher.environment(temp, Map.of("GITHUB_TOKEN", "ghp_secret",
                "LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libnss_wrapper.so", "NSS_WRAPPER_PASSWD", passwd.toString()));
        assertEquals("/usr/lib/x86_64-linux-gnu/libnss_wrapper.so", env.get("LD_PRELOAD"));
        assertEquals(passwd.toString(), env.get("NSS_WRAPPER_PASSWD"));
        assertEquals("/etc/group", env.get("NSS_WRAPPER_GROUP"));
        assertEquals(8, env.size(), env.toString());
    }

    @Test
    void anyOtherPreloadIsDropped() throws IOException {
        Path passwd = Files.writeString(temp.resolve("passwd"), "x:x:1:1::/:/bin/sh\n");
        for (String preload : new String[] {"/tmp/libevil.so", "libnss_wrapper.so",
                "/usr/lib/x86_64-linux-gnu/libnss_wrapper.so /tmp/libevil.so"}) {
            Map<String, String> env = ServerLauncher.environment(temp, Map.of("LD_PRELOAD", preload,
                    "NSS_WRAPPER_PASSWD", passwd.toString()));
            assertEquals(5, env.size(), preload + ": " + env);
        }
    }
}
