package io.schemagate.core.devdb;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How schemagate starts the PostgreSQL tools and its helpers: by absolute path, in an environment built from
 * nothing, so the CI job's secrets (tokens, registry passwords) never reach a process that replays pull-request SQL;
 * and, as root, in a user namespace ({@code unshare -U}), where uid 0 shows as nobody, since PostgreSQL refuses root.
 *
 * @param serverPrefix what goes before a server tool's command: {@code [/usr/bin/unshare, -U]} as root, else nothing
 */
public record ServerLauncher(List<String> serverPrefix) {

    public static final Path SH = Path.of("/bin/sh");

    /** The launcher for this JVM's user; refuses a system the launcher cannot run on. */
    public static ServerLauncher forCurrentUser() throws DevDatabaseException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || !Files.isExecutable(SH)) {
            throw new DevDatabaseException("embedded PostgreSQL needs a POSIX system (Linux or macOS) with /bin/sh; "
                    + "use a postgres:// or docker:// dev URL");
        }
        OsUser user = OsUser.currentOrFail();
        if (!user.root()) {
            return new ServerLauncher(List.of());
        }
        Optional<Path> unshare = userNamespaceTool();
        if (unshare.isEmpty()) {
            throw new DevDatabaseException("embedded PostgreSQL cannot run as root here: PostgreSQL refuses root, and user "
                    + "namespaces (unshare -U) are not available (in a container they need --security-opt seccomp=unconfined "
                    + "or similar); run schemagate as a non-root user, or use a postgres:// dev URL");
        }
        return new ServerLauncher(List.of(unshare.get().toString(), "-U"));
    }

    /**
     * The whole environment of every process started here. {@code C} locale and UTC: the same behaviour on every
     * machine (initdb takes the cluster's locale and time zone from them). HOME: the run's own directory.
     */
    static Map<String, String> environment(Path home) {
        return environment(home, System.getenv());
    }

    /**
     * As above; {@code callers} is this process's environment, of which only nss_wrapper's variables pass: the
     * container image names a uid that has no passwd entry (Jenkins' {@code -u uid:gid}) that way, and initdb looks
     * its user up by uid. Only a preload of libnss_wrapper itself, never another library.
     */
    static Map<String, String> environment(Path home, Map<String, String> callers) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PATH", "/usr/bin:/bin",
                "LC_ALL", "C",
                "LANG", "C",
                "TZ", "UTC",
                "HOME", home.toString()));
        String preload = callers.getOrDefault("LD_PRELOAD", "").strip();
        String passwd = callers.get("NSS_WRAPPER_PASSWD");
        if (preload.startsWith("/") && Path.of(preload).getFileName().toString().equals("libnss_wrapper.so")
                && passwd != null && Files.isRegularFile(Path.of(passwd))) {
            environment.put("LD_PRELOAD", preload);
            environment.put("NSS_WRAPPER_PASSWD", passwd);
            environment.put("NSS_WRAPPER_GROUP", callers.getOrDefault("NSS_WRAPPER_GROUP", "/etc/group"));
        }
        return Map.copyOf(environment);
    }

    /** A server tool ({@code initdb}, {@code postgres}) with its arguments, in the user namespace when root. */
    public List<String> serverCommand(Path tool, List<String> arguments) {
        List<String> command = new ArrayList<>(serverPrefix);
        command.add(tool.toString());
        command.addAll(arguments);
        return command;
    }

    /** A process builder for {@code command} with only {@link #environment} and {@code /} as working directory. */
    public static ProcessBuilder builder(List<String> command, Path home) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("/").toFile());
        Map<String, String> environment = builder.environment();
        environment.clear(); // never System.getenv()
        environment.putAll(environment(home));
        return builder;
    }

    /** Sends {@code signal} (e.g. {@code QUIT}) to {@code pid}: Java itself sends only TERM and KILL. */
    static void signal(long pid, String signal) {
        try {
            Process kill = builder(List.of(SH.toString(), "-c", "kill -s \"$1\" \"$2\"", "sh", signal, Long.toString(pid)),
                    Path.of("/")).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the caller escalates to SIGKILL
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** unshare, if {@code unshare -U id -u} works here and shows a uid other than 0. */
    private static Optional<Path> userNamespaceTool() {
        for (Path candidate : List.of(Path.of("/usr/bin/unshare"), Path.of("/bin/unshare"))) {
            if (Files.isExecutable(candidate)) {
                try {
                    Process probe = builder(List.of(candidate.toString(), "-U", "id", "-u"), Path.of("/"))
                            .redirectErrorStream(true).start();
                    probe.getOutputStream().close();
                    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0 && out.matches("\\d+") && !out.equals("0")) {
                        return Optional.of(candidate);
                    }
                } catch (IOException e) {
                    // try the next, then refuse
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
