package io.schemagate.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.schemagate.core.devdb.UrlText;
import io.schemagate.core.report.GithubReport;
import io.schemagate.core.report.MarkdownEscape;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The secret values of one run, and the one place that hides them: every byte schemagate writes to stdout, stderr,
 * workflow files and pull-request comments passes through {@link #redact}. Collected from the environment, the
 * command line (before picocli parses it, since its errors echo arguments) and what commands learn later (a password
 * read from stdin, credentials found in a Docker config). Each value is hidden in every form output gives it: as is,
 * and as the report formats escape it (Markdown, JSON, XML, workflow commands).
 */
final class Secrets {
    static final String MASK = "****";
    /** Shorter values would mangle ordinary text ("true", port numbers); no real credential is that short. */
    static final int MIN_LENGTH = 4;

    /** Variables whose whole value is a secret: those schemagate reads and those CI platforms hand every job. */
    private static final List<String> SECRET_VARIABLES = List.of(
            "PGPASSWORD", "GITHUB_TOKEN", "GH_TOKEN", "INPUT_GITHUB-TOKEN", "INPUT_GITHUB_TOKEN",
            "SCHEMAGATE_REGISTRY_PASSWORD", "CI_REGISTRY_PASSWORD", "CI_JOB_TOKEN", "CI_JOB_JWT", "CI_JOB_JWT_V2",
            "CI_DEPLOY_PASSWORD", "GITLAB_TOKEN", "SCHEMAGATE_GITLAB_TOKEN", "ACTIONS_RUNTIME_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN");
    /** Options whose value is a secret ({@code --github-token T} or {@code --github-token=T}). */
    private static final Pattern SECRET_OPTION = Pattern.compile("--[a-z-]*(token|password)");

    private final Set<String> values = ConcurrentHashMap.newKeySet();
    /** Longest first, so a secret that contains another is hidden whole. */
    private volatile List<String> ordered = List.of();

    /** Adds a secret; a value of several lines is added line by line (output is redacted line by line). */
    void add(String value) {
        if (value == null) {
            return;
        }
        boolean added = false;
        for (String line : value.split("\r?\n|\r")) {
            String secret = line.strip();
            if (secret.length() >= MIN_LENGTH) {
                for (String form : forms(secret)) {
                    added |= values.add(form);
                }
            }
        }
        if (added) {
            ordered = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    private static List<String> forms(String secret) {
        String json = new String(JsonStringEncoder.getInstance().quoteAsString(secret));
        String xml = secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return Stream.of(secret, MarkdownEscape.inline(secret), json, xml, GithubReport.data(secret))
                .distinct().toList();
    }

    /** The secret variables, and the passwords of URLs in any variable (a dev URL input, a clone URL with a token). */
    void addEnvironment(Map<String, String> env) {
        SECRET_VARIABLES.forEach(name -> add(env.get(name)));
        env.values().stream().filter(value -> value.contains("://")).forEach(this::addUrlPasswords);
        // The dev URL from a CI secret: its password even when the URL lacks a scheme.
        addUrlPasswords(env.getOrDefault(DevDatabaseOptions.DEV_URL_VARIABLE, ""));
    }

    /** Values of token and password options, and passwords in URL-like arguments, before anything parses them. */
    void addArguments(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (SECRET_OPTION.matcher(name).matches()) {
                add(equals < 0 ? (i + 1 < args.size() ? args.get(i + 1) : null) : arg.substring(equals + 1));
            }
            if (arg.contains("://") || arg.contains("@")) {
                addUrlPasswords(arg);
            }
        }
    }

    private void addUrlPasswords(String text) {
        UrlText.passwords(text).forEach(this::add);
    }

    /** The length of the longest secret: how much text a streaming writer must hold back to see one whole. */
    int longest() {
        List<String> current = ordered;
        return current.isEmpty() ? 0 : current.get(0).length();
    }

    /** The secrets, longest first. */
    List<String> all() {
        return ordered;
    }

    /** {@code text} with every secret replaced by {@value #MASK}. */
    String redact(String text) {
        String redacted = text;
        for (String secret : ordered) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted;
    }
}
