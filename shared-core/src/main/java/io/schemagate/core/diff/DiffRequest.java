package io.schemagate.core.diff;

import io.schemagate.core.plan.PlanOptions;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.MigrationDir;

/**
 * What {@code migrate diff} and {@code schema plan} compare: a migration directory's end state with a desired schema.
 *
 * @param devUrl where both run (two scratch databases on it)
 */
public record DiffRequest(MigrationDir dir, DirFormat format, DesiredSchema desired, DevUrl devUrl,
                          DevSettings settings, PlanOptions options) {
}
