package io.schemagate.core.migrate;

import io.schemagate.core.text.Position;
import java.util.List;

/**
 * One {@code atlas:NAME args} comment directive (rules.md §6).
 *
 * @param name     e.g. {@code nolint}, {@code txmode}
 * @param args     arguments split on single spaces, e.g. {@code [DS103, data_depend]}
 * @param reason   text after {@code " -- "}, blank when none (rules.md §6.3)
 * @param position where the comment holding it starts
 */
public record Directive(String name, List<String> args, String reason, Position position) {
    public Directive {
        args = List.copyOf(args);
    }
}
