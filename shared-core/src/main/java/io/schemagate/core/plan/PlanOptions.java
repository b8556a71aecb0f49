package io.schemagate.core.plan;

/**
 * How cautious the plan is with tables that already hold data. Both default to on: the plan takes no lock longer
 * than it must.
 *
 * @param concurrentIndexes PostgreSQL: an index on an existing table is built {@code CONCURRENTLY} (no write lock
 *                          while it builds), in a file of its own that runs outside a transaction
 * @param notValid          PostgreSQL: a foreign key or check on an existing table is added {@code NOT VALID} and then
 *                          validated (the validation scans without blocking writes), and SET NOT NULL goes through
 *                          a validated check so it needs no scan under its exclusive lock
 */
public record PlanOptions(boolean concurrentIndexes, boolean notValid) {
    public static final PlanOptions SAFE = new PlanOptions(true, true);
}
