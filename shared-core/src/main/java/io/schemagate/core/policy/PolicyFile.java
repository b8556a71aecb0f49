package io.schemagate.core.policy;

import io.schemagate.core.lint.Severity;
import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;
import io.schemagate.core.text.SourceText;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
 * Unknown keys, bad values and malformed codes are errors that name the file, line and column.
 */
public final class PolicyFile {
    public static final String NAME = "schemagate.yaml";
    private static final Pattern CODE = Pattern.compile("^(DI|DS|BC|CD|MF|PG|MY|LT|TX|NM|HY)[0-9]{3}$");

    private final String file;
    private final SourceText source;

    private PolicyFile(String file, SourceText source) {
        this.file = file;
        this.source = source;
    }

    /** {@code schemagate.yaml} at the root of the git repository holding {@code dir}, else in {@code workingDir}. */
    public static Optional<Path> find(Path dir, Path workingDir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                Path candidate = d.resolve(NAME);
                return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
            }
        }
        Path candidate = workingDir.resolve(NAME);
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /**
     * @param display how to name the file in messages
     * @throws PolicyException for bad content; {@link SourceException} for non-UTF-8 bytes
     * @throws IOException     when it cannot be read
     */
    public static Policy load(Path path, String display) throws IOException, SourceException {
        SourceText source = SourceText.decode(display, Files.readAllBytes(path));
        return new PolicyFile(display, source).parse();
    }

    private Policy parse() throws PolicyException {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(source.text()));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new PolicyException(file, position(mark), "not valid YAML: " + e.getProblem());
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
        for (NodeTuple option : mapping(value, code).getValue()) {
            String key = scalar(option.getKeyNode(), "an option name");
            if (key.equals("severity")) {
                severity = severity(option.getValueNode(), code);
            } else {
                options.put(key, plain(option.getValueNode()));
            }
        }
        return new RuleSetting(severity, options);
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

    /** Rule options as plain Java values: strings, lists and maps. */
    private static Object plain(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            seq.getValue().forEach(n -> list.add(plain(n)));
            return List.copyOf(list);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            map.put(String.valueOf(plain(t.getKeyNode())), plain(t.getValueNode()));
        }
        return map;
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
