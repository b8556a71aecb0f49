package io.schemagate.github;

import java.util.Locale;
import java.util.Map;

/**
 * The action's inputs, read the way a container action receives them: {@code INPUT_<NAME>} with the name
 * upper-cased, hyphens kept and spaces turned into underscores ({@code dev-url} arrives as {@code INPUT_DEV-URL}).
 * GitHub sets every input declared in {@code action.yml}, blank when it has no value; blank means "not given".
 */
public record ActionInputs(Map<String, String> env) {

    /** The trimmed value, or {@code fallback} when the input is unset or blank. */
    public String get(String name, String fallback) {
        String value = env.get("INPUT_" + name.replace(' ', '_').toUpperCase(Locale.ROOT));
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** The value, or {@code null} when not given. */
    public String get(String name) {
        return get(name, null);
    }

    /** A YAML 1.2 boolean, as GitHub's own {@code core.getBooleanInput} accepts them. */
    public boolean flag(String name, boolean fallback) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw new GithubException("input " + name + ": expected true or false, got \"" + value + "\"");
        };
    }
}
