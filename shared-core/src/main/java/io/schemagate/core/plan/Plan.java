package io.schemagate.core.plan;

import java.util.List;

/**
 * The statements that move a database from one schema to another, in the order they must run, split into the files
 * they must run in: a transactional file, and where some statement cannot run in a transaction (PostgreSQL's
 * {@code CREATE INDEX CONCURRENTLY}) a second, non-transactional one after it.
 *
 * @param files what to write, in run order; empty when the schemas are the same
 * @param notes what a reviewer must know and the statements do not say: objects the planner does not handle (to
 *              write by hand), drops that may be renames
 */
public record Plan(List<PlannedFile> files, List<String> notes) {
    public Plan {
        files = List.copyOf(files);
        // A note holds names from the desired schema, which may hold line breaks; it is one line wherever it goes
        // (a file's header comment, stderr), so a name cannot end the comment and become a statement.
        notes = notes.stream().map(Plan::oneLine).toList();
    }

    /** {@code text} with every line break (CR, LF, NEL, LS, PS) replaced by a space. */
    public static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ");
    }

    /** True when there is nothing to run. */
    public boolean isEmpty() {
        return files.stream().allMatch(f -> f.statements().isEmpty());
    }

    /** Every statement, in run order. */
    public List<PlannedStatement> statements() {
        return files.stream().flatMap(f -> f.statements().stream()).toList();
    }

    /**
     * One migration file of the plan.
     *
     * @param transactional false when its statements must run outside a transaction (the file then carries the
     *                      format's directive for that)
     * @param statements    in run order
     * @param role          what sets this file apart, added to its name ({@code online}, {@code enum_values}); empty
     *                      for the plan's main file
     */
    public record PlannedFile(boolean transactional, List<PlannedStatement> statements, String role) {
        public PlannedFile {
            statements = List.copyOf(statements);
        }

        /** The plan's main file. */
        public PlannedFile(boolean transactional, List<PlannedStatement> statements) {
            this(transactional, statements, "");
        }
    }

    /**
     * One statement.
     *
     * @param sql    the statement, without its terminating semicolon
     * @param object the object it creates, changes or drops, e.g. {@code public.users.email}
     */
    public record PlannedStatement(String sql, String object) {
    }
}
