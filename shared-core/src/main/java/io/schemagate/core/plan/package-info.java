/**
 * Plans: the DDL from one schema to another. {@link io.schemagate.core.plan.SchemaPlanner} is written once per
 * dialect (in {@code dialect.postgres}, {@code .mysql}, {@code .sqlite}) over the inspected catalogs, matched by name;
 * {@link io.schemagate.core.plan.Plan} is its result, files of statements in run order with notes for the reviewer.
 * The pipeline that replays, plans and writes files is {@code io.schemagate.core.diff}.
 */
package io.schemagate.core.plan;
