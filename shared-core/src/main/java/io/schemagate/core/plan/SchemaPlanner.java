package io.schemagate.core.plan;

import io.schemagate.core.schema.Catalog;

/** Writes the DDL that turns one schema into another, for one database kind. */
@FunctionalInterface
public interface SchemaPlanner {
    /**
     * @param current the schema as it is (inspected)
     * @param desired the schema as it should be (inspected)
     */
    Plan plan(Catalog current, Catalog desired, PlanOptions options);
}
