package io.schemagate.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuickActionsTest {
    @Test
    void everyLineStartingACommandGetsAZeroWidthSpaceBeforeItsSlash() {
        assertEquals("\u200B/merge\nok /close\n  \u200B/approve\n/* sql */\n\t\u200B/label ~x",
                QuickActions.disarm("/merge\nok /close\n  /approve\n/* sql */\n\t/label ~x"));
        assertEquals("no commands", QuickActions.disarm("no commands"));
    }
}
