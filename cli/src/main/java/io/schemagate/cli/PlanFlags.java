package io.schemagate.cli;

import io.schemagate.core.plan.PlanOptions;
import picocli.CommandLine.Option;

/** How cautious a plan is with existing tables; shared by migrate diff and schema plan. */
public final class PlanFlags {
    @Option(names = "--no-concurrent-indexes",
            description = "PostgreSQL: build indexes on existing tables in the main file, not CONCURRENTLY in a second,"
                    + " non-transactional one.")
    boolean noConcurrentIndexes;

    @Option(names = "--no-not-valid",
            description = "PostgreSQL: add foreign keys and checks on existing tables validated at once (a scan under the"
                    + " table's lock), not NOT VALID then VALIDATE; SET NOT NULL directly.")
    boolean noNotValid;

    @Option(names = "--to", paramLabel = "URL", required = true,
            description = "The desired schema: file://PATH (a .sql file, or a folder whose .sql files run in name order)"
                    + " or an existing database of the dev database's kind, read only: postgres://…, mysql://…/DB,"
                    + " mariadb://…/DB or sqlite://FILE.")
    String to;

    PlanOptions options() {
        return new PlanOptions(!noConcurrentIndexes, !noNotValid);
    }
}
