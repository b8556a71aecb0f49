package io.schemagate.core.policy;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The YAML a policy file may use: plain mappings, lists and scalars. {@code schemagate.yaml} arrives in pull
 * requests, so everything else is refused with its place before any node tree is walked: anchors and aliases (a
 * few lines of them expand to billions of nodes, "billion laughs"), deep nesting, and duplicate keys at any level
 * (YAML keeps only one of them, silently).
 */
final class PolicyYaml {
    /** Deeper than any policy needs (the deepest is rules → code → allow → pattern); a bound for the parser. */
    static final int MAX_DEPTH = 10;
    /** Far above any real policy; bounds memory before parsing. */
    static final int MAX_CODE_POINTS = 256 * 1024;

    /** The first problem and its place (SnakeYAML's 0-based mark; {@code null} when it gives none). */
    static final class Refused extends Exception {
        private final transient Mark mark;

        Refused(Mark mark, String message) {
            super(message);
            this.mark = mark;
        }

        Mark mark() {
            return mark;
        }
    }

    private PolicyYaml() {
    }

    /** The document's root node, or {@code null} for an empty document. */
    static Node compose(String text) throws Refused {
        Yaml yaml = new Yaml(new SafeConstructor(options()));
        try {
            checkEvents(yaml.parse(new StringReader(text)));
            Node root = yaml.compose(new StringReader(text));
            if (root != null) {
                checkDuplicateKeys(root);
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new Refused(mark, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) { // a limit of LoaderOptions, which says no place; the checks above come first
            throw new Refused(null, "not valid YAML: " + e.getMessage());
        }
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    private static void checkEvents(Iterable<Event> events) throws Refused {
        int depth = 0;
        for (Event event : events) {
            if (event instanceof AliasEvent alias) {
                throw new Refused(alias.getStartMark(), "YAML aliases (*" + alias.getAnchor()
                        + ") are not allowed in a policy file; write the value out");
            }
            if (event instanceof NodeEvent node && node.getAnchor() != null) {
                throw new Refused(node.getStartMark(), "YAML anchors (&" + node.getAnchor()
                        + ") are not allowed in a policy file; write the value out");
            }
            if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                throw new Refused(event.getStartMark(), "nested more than " + MAX_DEPTH + " levels deep");
            }
            if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
    }

    private static void checkDuplicateKeys(Node node) throws Refused {
        if (node instanceof MappingNode mapping) {
            Map<String, Mark> seen = new HashMap<>();
            for (NodeTuple entry : mapping.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key) {
                    Mark first = seen.putIfAbsent(key.getValue(), key.getStartMark());
                    if (first != null) {
                        throw new Refused(key.getStartMark(), "duplicate key \"" + key.getValue() + "\" (first on line "
                                + (first.getLine() + 1) + "); YAML would keep only one of them");
                    }
                }
                checkDuplicateKeys(entry.getKeyNode());
                checkDuplicateKeys(entry.getValueNode());
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                checkDuplicateKeys(item);
            }
        }
    }
}
