package io.schemagate.core.replay;

import io.schemagate.core.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * Statements after which MySQL and MariaDB have committed the open transaction, whatever the client asked: data
 * definition and account statements. Everything before such a statement in a file stays applied if a later one
 * fails.
 */
final class ImplicitCommit {
    private static final Set<String> FIRST_WORDS = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT",
            "REVOKE", "LOCK", "UNLOCK", "ANALYZE", "OPTIMIZE", "REPAIR", "INSTALL", "UNINSTALL", "COMMIT", "BEGIN",
            "START", "FLUSH", "CACHE", "LOAD");

    private ImplicitCommit() {
    }

    static boolean causedBy(Statement statement) {
        String text = statement.text().stripLeading();
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        String first = text.substring(0, end).toUpperCase(Locale.ROOT);
        // CREATE TEMPORARY TABLE and DROP TEMPORARY TABLE do not commit.
        return FIRST_WORDS.contains(first) && !text.toUpperCase(Locale.ROOT).matches("(?s)(CREATE|DROP)\\s+TEMPORARY\\s.*");
    }
}
