package io.schemagate.jenkins;

import static com.lesfurets.jenkins.unit.MethodSignature.method;
import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library;
import static com.lesfurets.jenkins.unit.global.lib.LocalSource.localSource;

import com.lesfurets.jenkins.unit.MethodCall;
import com.lesfurets.jenkins.unit.PipelineTestHelper;
import com.lesfurets.jenkins.unit.cps.PipelineTestHelperCPS;
import groovy.lang.Binding;
import groovy.lang.Closure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.PathMatcher;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Jenkins build, as far as the shared library can tell: a workspace, the build's environment, a credentials store,
 * and the Pipeline steps the library calls. Scripts run CPS-transformed, with the program's state serialized between
 * steps as Jenkins does (so state that would break a build on resume, such as an iterator, fails here too). {@code sh} really runs its script with {@code /bin/sh} in the workspace
 * (so the library's quoting and the real CLI are exercised); {@code withCredentials} binds the stored secrets as
 * environment variables of the {@code sh} steps inside it, and fails on an unknown id as Jenkins does; {@code error}
 * ends the build with FAILURE and {@code unstable} marks it UNSTABLE and goes on; {@code archiveArtifacts} keeps the
 * workspace files its comma-separated globs match, following symbolic links only when told to.
 */
final class PipelineSandbox {
    /** The library's root, as Jenkins loads it with the library path {@code jenkins-plugin/library}. */
    static final Path LIBRARY = Path.of("library").toAbsolutePath();

    /** A username-with-password credential. */
    record UsernamePassword(String username, String password) {}

    /** What a build ended with: its result, its log, what the script returned, and each step called. */
    record Build(String result, String log, Object returned, List<MethodCall> calls, List<String> archived) {
        List<Map<?, ?>> calls(String step) {
            List<Map<?, ?>> found = new ArrayList<>();
            for (MethodCall call : calls) {
                if (call.getMethodName().equals(step)) {
                    found.add(call.getArgs().length > 0 && call.getArgs()[0] instanceof Map<?, ?> m ? m : Map.of());
                }
            }
            return found;
        }
    }

    /** Thrown by the {@code error} step: the build fails. */
    static final class BuildFailed extends RuntimeException {
        BuildFailed(String message) {
            super(message);
        }
    }

    final Path workspace;
    final Map<String, String> env = new HashMap<>();
    final Map<String, Object> credentials = new HashMap<>();
    private final Path libraries;
    private final StringBuilder log = new StringBuilder();
    private final Deque<Map<String, String>> bound = new ArrayDeque<>();
    private String result = "SUCCESS";
    private final Map<String, Object> currentBuild = new HashMap<>(Map.of("result", "SUCCESS", "currentResult", "SUCCESS"));
    private final List<String> archived = new ArrayList<>();
    /** What {@code isUnix} answers. */
    boolean unix = true;
    private PipelineTestHelper helper;

    PipelineSandbox(Path temp, Path workspace) throws IOException {
        this.workspace = workspace;
        // LocalSource reads a library from DIR/NAME@VERSION.
        libraries = Files.createTempDirectory(temp, "libraries");
        Files.createSymbolicLink(libraries.resolve("schemagate@main"), LIBRARY);
        env.put("WORKSPACE", workspace.toString());
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getenv("HOME"));
    }

    /** Stores a secret text credential. */
    PipelineSandbox withCredential(String id, Object credential) {
        credentials.put(id, credential);
        return this;
    }

    /** Runs a scripted Pipeline (the Jenkinsfile's text) that loads the library with {@code @Library('schemagate') _}. */
    Build run(String jenkinsfile) throws IOException {
        Path script = workspace.resolve("Jenkinsfile");
        Files.writeString(script, jenkinsfile);
        helper = new PipelineTestHelperCPS();
        helper.setScriptRoots(new String[] {workspace.toString()});
        helper.setScriptExtension("");
        helper.setBaseScriptRoot(workspace.toString());
        helper.setBaseClassloader(getClass().getClassLoader());
        helper.setImports(new HashMap<>(Map.of(
                "Library", "com.lesfurets.jenkins.unit.global.lib.Library",
                "NonCPS", "com.cloudbees.groovy.cps.NonCPS")));
        helper.registerSharedLibrary(library().name("schemagate").defaultVersion("main").allowOverride(false)
                .implicit(false).targetPath(libraries.toString()).retriever(localSource(libraries.toString())).build());
        helper.init();
        steps(helper);
        Binding binding = new Binding();
        binding.setVariable("env", env);
        binding.setVariable("currentBuild", currentBuild);
        Object returned = null;
        try {
            returned = helper.runScript(script.toString(), binding);
        } catch (BuildFailed e) {
            mark("FAILURE");
            log.append("ERROR: ").append(e.getMessage()).append('\n');
        }
        return new Build(result, log.toString(), returned, List.copyOf(helper.getCallStack()),
                archived.stream().sorted().toList());
    }

    private void steps(PipelineTestHelper helper) {
        register(helper, "sh", a -> sh((Map<?, ?>) a[0]), Map.class);
        register(helper, "echo", a -> log.append(a[0]).append('\n'), String.class);
        register(helper, "error", a -> {
            throw new BuildFailed(String.valueOf(a[0]));
        }, String.class);
        register(helper, "unstable", a -> {
            mark("UNSTABLE");
            return log.append("WARNING: ").append(a[0]).append('\n');
        }, String.class);
        register(helper, "isUnix", a -> unix);
        register(helper, "fileExists", a -> Files.exists(workspace.resolve(String.valueOf(a[0]))), String.class);
        register(helper, "readFile", a -> read(workspace.resolve(String.valueOf(a[0]))), String.class);
        register(helper, "junit", a -> null, Map.class);
        register(helper, "archiveArtifacts", a -> archive((Map<?, ?>) a[0]), Map.class);
        register(helper, "recordIssues", a -> null, Map.class);
        register(helper, "sarif", a -> Map.copyOf((Map<?, ?>) a[0]), Map.class);
        register(helper, "string", a -> Map.of("kind", "string", "spec", a[0]), Map.class);
        register(helper, "usernamePassword", a -> Map.of("kind", "usernamePassword", "spec", a[0]), Map.class);
        register(helper, "withCredentials", a -> withCredentials((List<?>) a[0], (Closure<?>) a[1]),
                List.class, Closure.class);
    }

    private static void register(PipelineTestHelper helper, String name, Function<Object[], Object> body,
            Class<?>... parameters) {
        // JenkinsPipelineUnit hands a one-argument step its argument itself, and the others an array.
        helper.registerAllowedMethod(method(name, parameters),
                (Function<Object, Object>) args -> body.apply(args instanceof Object[] array ? array : new Object[] {args}));
    }

    /** A result only gets worse, as in Jenkins. */
    private void mark(String worse) {
        List<String> order = List.of("SUCCESS", "UNSTABLE", "FAILURE");
        if (order.indexOf(worse) > order.indexOf(result)) {
            result = worse;
            currentBuild.put("result", worse);
            currentBuild.put("currentResult", worse);
        }
    }

    private Object archive(Map<?, ?> args) {
        boolean follow = !Boolean.FALSE.equals(args.get("followSymlinks")); // Jenkins follows them by default
        for (String glob : String.valueOf(args.get("artifacts")).split(",")) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob.strip());
            try (Stream<Path> files = follow ? Files.walk(workspace, FileVisitOption.FOLLOW_LINKS) : Files.walk(workspace)) {
                files.filter(f -> matcher.matches(workspace.relativize(f)))
                        .filter(f -> follow ? Files.isRegularFile(f) : Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                        .map(f -> workspace.relativize(f).toString())
                        .sorted().forEach(archived::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    private Object withCredentials(List<?> bindings, Closure<?> body) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Object binding : bindings) {
            Map<?, ?> b = (Map<?, ?>) binding;
            Map<?, ?> spec = (Map<?, ?>) b.get("spec");
            String id = String.valueOf(spec.get("credentialsId"));
            Object credential = credentials.get(id);
            if (credential == null) {
                throw new BuildFailed("Could not find credentials entry with ID '" + id + "'");
            }
            if (b.get("kind").equals("string") && credential instanceof String secret) {
                variables.put(String.valueOf(spec.get("variable")), secret);
            } else if (b.get("kind").equals("usernamePassword") && credential instanceof UsernamePassword up) {
                variables.put(String.valueOf(spec.get("usernameVariable")), up.username());
                variables.put(String.valueOf(spec.get("passwordVariable")), up.password());
            } else {
                throw new BuildFailed("Credentials '" + id + "' is of the wrong type for " + b.get("kind"));
            }
        }
        bound.push(variables);
        try {
            return helper.callClosure(body);
        } finally {
            bound.pop();
        }
    }

    /** The sh step with returnStatus: true, as the library calls it. */
    private Object sh(Map<?, ?> args) {
        if (!Boolean.TRUE.equals(args.get("returnStatus"))) {
            throw new IllegalStateException("the library must run sh with returnStatus: true: " + args);
        }
        String script = String.valueOf(args.get("script"));
        try {
            // As Jenkins runs a script without a shebang: from a file, with -x (trace) and -e (stop at a failure).
            Path file = Files.createTempFile(libraries, "script", ".sh");
            Files.writeString(file, script);
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-xe", file.toString()).directory(workspace.toFile())
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(env);
            bound.descendingIterator().forEachRemaining(pb.environment()::putAll);
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("sh did not end: " + script);
            }
            log.append(output);
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
