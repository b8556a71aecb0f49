package io.schemagate.core.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangedFileTest {

    @Test
    void addedLinesFollowEveryHunkHeader() {
        String patch = String.join("\n",
                "@@ -1,3 +1,4 @@",
                " CREATE TABLE a (",
                "-  id int",
                "+  id bigint,",
                "+  name text",
                " );",
                "@@ -20,2 +21,3 @@ CREATE INDEX",
                " -- context",
                "+ALTER TABLE a DROP COLUMN name;",
                " -- end",
                "\\ No newline at end of file");
        assertEquals(Set.of(2, 3, 22), ChangedFile.addedLines(patch));
    }

    @Test
    void aHunkWithoutCountsStartsWhereItSays() {
        assertEquals(Set.of(7), ChangedFile.addedLines("@@ -7 +7 @@\n-old\n+new"));
    }

    @Test
    void anAddedFileCountsEveryLineEvenWithoutPatch() {
        ChangedFile file = ChangedFile.of("db/2_b.sql", true, null);
        assertTrue(file.changed(1));
        assertTrue(file.changed(400, 402));
        assertFalse(file.changed(0));
    }

    @Test
    void aModifiedFileCountsOnlyItsPlusLines() {
        ChangedFile file = ChangedFile.of("db/1_a.sql", false, "@@ -1,2 +1,3 @@\n a\n+b\n+c");
        assertFalse(file.changed(1));
        assertTrue(file.changed(2, 3));
        assertFalse(file.changed(1, 2));
        assertFalse(ChangedFile.of("x", false, null).changed(1));
    }
}
