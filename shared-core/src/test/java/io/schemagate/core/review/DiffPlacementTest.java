package io.schemagate.core.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.text.Position;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class DiffPlacementTest {
    private static final String PATH = "db/migrations/2_drop.sql";
    private static final Fix LOCK_FIX = new Fix("Set a lock timeout first.",
            new Fix.TextEdit(1, 1, "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN age int;\n"));
    private static final Diagnostic LOCK = new Diagnostic("PG508", Severity.INFO, PATH, new Position(0, 1, 1),
            "The file takes table locks without setting lock_timeout.", List.of(LOCK_FIX));
    private static final Diagnostic DROP = new Diagnostic("DS103", Severity.ERROR, PATH, new Position(40, 2, 1),
            "Dropping column \"name\" of table \"users\" loses its data.");
    private static final Map<String, ChangedFile> ADDED = Map.of(PATH, ChangedFile.of(PATH, true, null));

    @Test
    void findingsOnChangedLinesArePlacedMostSevereFirstWithTheirSuggestion() {
        DiffPlacement.Plan plan = DiffPlacement.plan(List.of(LOCK, DROP), Optional::of, ADDED, true);

        assertEquals(0, plan.outsideDiff());
        assertEquals(List.of(new DiffPlacement.Placed(DROP, PATH, 0, 2, null),
                new DiffPlacement.Placed(LOCK, PATH, 0, 1, LOCK_FIX)), plan.placed());
    }

    @Test
    void withoutSuggestionsAFixDoesNotMoveTheComment() {
        DiffPlacement.Plan plan = DiffPlacement.plan(List.of(LOCK), Optional::of, ADDED, false);
        assertNull(plan.placed().get(0).suggestion());
    }

    @Test
    void findingsOffTheDiffOrOutsideTheRepositoryAreCountedNotPlaced() {
        // Only line 2 changed: the PG508 finding and its fix on line 1 are off the diff.
        Map<String, ChangedFile> modified = Map.of(PATH, ChangedFile.of(PATH, false,
                "@@ -1,1 +1,2 @@\n ALTER TABLE users ADD COLUMN age int;\n+ALTER TABLE users DROP COLUMN name;"));
        DiffPlacement.Plan plan = DiffPlacement.plan(List.of(LOCK, DROP), Optional::of, modified, true);
        assertEquals(1, plan.outsideDiff());
        assertSame(DROP, plan.placed().get(0).finding());

        DiffPlacement.Plan outside = DiffPlacement.plan(List.of(LOCK, DROP), f -> Optional.empty(), modified, true);
        assertEquals(2, outside.outsideDiff());
        assertTrue(outside.placed().isEmpty());
    }

    @Test
    void aMultiLineEditSpansItsLines() {
        Fix notValid = new Fix("Add it NOT VALID, then validate.",
                new Fix.TextEdit(3, 4, "ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;\n"));
        Diagnostic check = new Diagnostic("PG301", Severity.WARNING, PATH, new Position(0, 3, 1),
                "Adding a constraint scans the table.", List.of(notValid));
        DiffPlacement.Placed placed = DiffPlacement.plan(List.of(check), Optional::of, ADDED, true).placed().get(0);
        assertEquals(3, placed.startLine());
        assertEquals(4, placed.line());
    }

    @Test
    void pastTheLimitTheLeastSevereFindingsAreLeftOut() {
        List<Diagnostic> many = new ArrayList<>(List.of(LOCK));
        for (int line = 1; line <= 60; line++) {
            many.add(new Diagnostic("DS103", Severity.ERROR, PATH, new Position(0, line, 1), "drop " + line));
        }
        DiffPlacement.Plan plan = DiffPlacement.plan(many, Optional::of, ADDED, true);
        assertEquals(DiffPlacement.MAX_COMMENTS, plan.placed().size());
        assertEquals(11, plan.overLimit());
        assertTrue(plan.placed().stream().allMatch(p -> p.finding().code().equals("DS103")));
    }

    @Test
    void findingsTurnedOffArePlacedNowhere() {
        DiffPlacement.Plan plan = DiffPlacement.plan(List.of(DROP.withSeverity(Severity.OFF)), Optional::of, ADDED, true);
        assertEquals(new DiffPlacement.Plan(List.of(), 0, List.of()), plan);
    }
}
