package io.schemagate.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --report dotenv=PATH}: a job's results as {@code NAME=value} lines, the format of GitLab's
 * {@code artifacts:reports:dotenv} (later jobs see them as variables). Values are single-line by construction.
 */
final class Dotenv {
    private final Map<String, String> variables = new LinkedHashMap<>();

    Dotenv set(String name, String value) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
        // GitLab reads one line per variable and keeps the rest of the line as is: no line breaks, no quotes.
        variables.put(name, value.replaceAll("[\\r\\n]+", " "));
        return this;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        variables.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        return out.toString();
    }
}
