package io.schemagate.core.policy;

import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;
import io.schemagate.core.text.SourceText;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code schemagate.yaml}:
 *
 * <pre>
 * fail-on: error            # error | warning | never
 * require-reason: false     # atlas:nolint needs "-- reason"
 * rules:
 *   DI508: error            # a severity: error | warning | info | off
 *   DS103:                  # or a severity with rule options
 *     severity: warning
 *     allow: ["drop_.+"]
 * </pre>
 *
 * Unknown keys and rule options, duplicate keys, bad values, malformed codes and invalid patterns are errors that
 * name the file, line and column; so are YAML anchors and aliases (see {@link PolicyYaml}).
 */
public final class PolicyFile {
    public static final String NAME = "schemagate.yaml";
    private static final Pattern CODE = Pattern.compile("^(DI|DS|BC|CD|MF|PG|MY|LT|TX|NM|HY)[0-9]{3}$");
    /** The rules that read {@code allow} patterns (rules.md §1: deprecated tables and columns may be dropped). */
    private static final Set<String> ALLOW_RULES = Set.of("DS102", "DS103");
    static final int MAX_BYTES = 64 * 1024;

    private final String file;
    private final SourceText source;

    private PolicyFile(String file, SourceText source) {
        this.file = file;
        this.source = source;
    }

    /**
     * {@code schemagate.yaml} at the root of the git repository holding {@code dir}, else in {@code workingDir}.
     *
     * @throws PolicyException when it is there but is not a plain file of that folder: a symbolic link out of it
     *                         (a pull request could point it at {@code /proc/self/environ} and have secrets quoted
     *                         back in error messages), a dangling link, a directory or a named pipe
     */
    public static Optional<Path> find(Path dir, Path workingDir) throws PolicyException {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return candidate(d);
            }
        }
        return candidate(workingDir);
    }

    private static Optional<Path> candidate(Path folder) throws PolicyException {
        Path candidate = folder.resolve(NAME);
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String shown = candidate.toString();
        if (!Files.isRegularFile(candidate)) {
            throw new PolicyException(shown, Position.START, "not a regular file (a directory, named pipe, device"
                    + " or dangling symbolic link)");
        }
        if (Files.isSymbolicLink(candidate)) {
            try {
                if (!candidate.toRealPath().startsWith(folder.toRealPath())) {
                    throw new PolicyException(shown, Position.START, "a symbolic link to " + candidate.toRealPath()
                            + ", outside " + folder.toAbsolutePath().normalize() + "; link only to files inside it");
                }
            } catch (IOException e) {
                throw new PolicyException(shown, Position.START, "cannot follow the symbolic link: " + e.getMessage());
            }
        }
        return Optional.of(candidate);
    }

    /**
     * @param display how to name the file in messages
     * @throws PolicyException for bad content, or a file that is not a regular file or is too large;
     *                         {@link SourceException} for non-UTF-8 bytes
     * @throws IOException     when it cannot be read
     */
    public static Policy load(Path path, String display) throws IOException, SourceException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) { // a named pipe would block the read forever
            throw new PolicyException(display, Position.START, attributes.isDirectory() ? "a directory, not a file"
                    : "not a regular file (a named pipe, socket or device)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1); // bounded: the size on disk may lie (/proc) or grow
        }
        if (bytes.length > MAX_BYTES) {
            throw new PolicyException(display, Position.START, "too large for a policy file (over "
                    + MAX_BYTES / 1024 + " KiB)");
        }
        SourceText source = SourceText.decode(display, bytes);
        return new PolicyFile(display, source).parse();
    }

    private Policy parse() throws PolicyException {
        Node root;
        try {
            root = PolicyYaml.compose(source.text());
        } catch (PolicyYaml.Refused e) {
            throw new PolicyException(file, position(e.mark()), e.getMessage());
        }
        FailOn failOn = FailOn.ERROR;
        boolean requireReason = false;
        Map<String, RuleSetting> rules = new LinkedHashMap<>();
        if (root == null) {
            return new Policy(file, failOn, requireReason, rules);
        }
        for (NodeTuple entry : mapping(root, "the file").getValue()) {
            String key = scalar(entry.getKeyNode(), "a key");
            Node value = entry.getValueNode();
            switch (key) {
                case "fail-on" -> failOn = FailOn.parse(scalar(value, "fail-on")).orElseThrow(() ->
                        error(value, "fail-on must be error, warning or never"));
                case "require-reason" -> requireReason = bool(value, "require-reason");
                case "rules" -> {
                    for (NodeTuple rule : mapping(value, "rules").getValue()) {
                        String code = scalar(rule.getKeyNode(), "a rule code");
                        if (!CODE.matcher(code).matches()) {
                            throw error(rule.getKeyNode(), "unknown rule code \"" + code + "\" (e.g. DS103, PG101, DI508)");
                        }
                        rules.put(code, setting(rule.getValueNode(), code));
                    }
                }
                default -> throw error(entry.getKeyNode(),
                        "unknown key \"" + key + "\" (known: fail-on, require-reason, rules)");
            }
        }
        return new Policy(file, failOn, requireReason, rules);
    }

    private RuleSetting setting(Node value, String code) throws PolicyException {
        if (value instanceof ScalarNode) {
            return new RuleSetting(severity(value, code), Map.of());
        }
        Severity severity = null;
        Map<String, Object> options = new LinkedHashMap<>();
        List<String> known = ALLOW_RULES.contains(code) ? List.of("severity", "allow") : List.of("severity");
        for (NodeTuple option : mapping(value, code).getValue()) {
            String key = scalar(option.getKeyNode(), "an option name");
            if (!known.contains(key)) {
                throw error(option.getKeyNode(), code + ": unknown option \"" + key + "\" (known: "
                        + String.join(", ", known) + ")");
            }
            if (key.equals("severity")) {
                severity = severity(option.getValueNode(), code);
            } else {
                options.put(key, patterns(option.getValueNode(), code));
            }
        }
        return new RuleSetting(severity, options);
    }

    /** {@code allow}: a list of regular expressions, each compiled now so a typo stops the run before any database. */
    private List<String> patterns(Node value, String code) throws PolicyException {
        if (!(value instanceof SequenceNode list)) {
            throw error(value, code + ": allow must be a list of patterns, e.g. allow: [\"drop_.+\"]");
        }
        List<String> patterns = new ArrayList<>();
        for (Node item : list.getValue()) {
            String pattern = scalar(item, code + ": an allow pattern");
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw error(item, code + ": allow pattern \"" + pattern + "\" is not a regular expression: "
                        + e.getDescription());
            }
            patterns.add(pattern);
        }
        return List.copyOf(patterns);
    }

    private Severity severity(Node value, String code) throws PolicyException {
        String text = scalar(value, code).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            case "off" -> Severity.OFF;
            default -> throw error(value, code + ": severity must be error, warning, info or off, not \"" + text + "\"");
        };
    }

    private boolean bool(Node value, String what) throws PolicyException {
        return switch (scalar(value, what)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(value, what + " must be true or false");
        };
    }

    private MappingNode mapping(Node node, String what) throws PolicyException {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, what + " must be a mapping of keys to values");
    }

    private String scalar(Node node, String what) throws PolicyException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(node, what + " must be a single value");
    }

    private PolicyException error(Node node, String problem) {
        return new PolicyException(file, position(node.getStartMark()), problem);
    }

    private Position position(Mark mark) {
        if (mark == null) {
            return Position.START;
        }
        int line = Math.min(mark.getLine() + 1, source.lineCount());
        int index = Math.min(source.lineStart(line) + mark.getColumn(), source.lineEnd(line));
        return source.position(index);
    }
}
