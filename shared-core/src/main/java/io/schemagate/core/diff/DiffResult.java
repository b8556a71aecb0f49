package io.schemagate.core.diff;

import io.schemagate.core.plan.Plan;
import io.schemagate.core.schema.SchemaChange;
import java.util.List;

/**
 * A plan, checked on the dev database.
 *
 * @param plan        the statements, in their files
 * @param files       the plan as the directory's next files (empty when there is nothing to do)
 * @param residual    what still differs after the plan ran on the directory's end state: empty when the plan
 *                    reaches the desired schema (objects it does not handle stay here)
 * @param devDatabase what it ran on, for users
 */
public record DiffResult(Plan plan, List<PlanFiles.PlanFile> files, List<SchemaChange> residual, String devDatabase) {
    public DiffResult {
        files = List.copyOf(files);
        residual = List.copyOf(residual);
    }
}
