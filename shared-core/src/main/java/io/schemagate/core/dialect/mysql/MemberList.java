package io.schemagate.core.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The members of an {@code enum('a','b')} or {@code set('a','b')} column type, as the catalog spells it, and how a
 * change of them runs (rules.md §2.7): appending within the same storage size is instant, anything else copies the
 * table.
 *
 * @param kind    {@code enum} or {@code set}
 * @param members in declared order, unquoted
 */
record MemberList(String kind, List<String> members) {

    static Optional<MemberList> of(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        String kind = lower.startsWith("enum(") ? "enum" : lower.startsWith("set(") ? "set" : null;
        if (kind == null || !type.endsWith(")")) {
            return Optional.empty();
        }
        List<String> members = new ArrayList<>();
        String body = type.substring(kind.length() + 1, type.length() - 1);
        StringBuilder member = null;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (member == null) {
                if (c == '\'') {
                    member = new StringBuilder();
                }
            } else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                member.append('\'');
                i++;
            } else if (c == '\'') {
                members.add(member.toString());
                member = null;
            } else {
                member.append(c);
            }
        }
        return Optional.of(new MemberList(kind, List.copyOf(members)));
    }

    /** Bytes per row: ENUM 1 up to 255 members, else 2; SET 1, 2, 3, 4 or 8 bytes for up to 8, 16, 24, 32, 64. */
    int storageBytes() {
        int n = members.size();
        if (kind.equals("enum")) {
            return n <= 255 ? 1 : 2;
        }
        return n <= 8 ? 1 : n <= 16 ? 2 : n <= 24 ? 3 : n <= 32 ? 4 : 8;
    }

    /**
     * Why going from this list to {@code after} copies the table.
     *
     * @param step 0 a member removed, 1 members reordered, 2 a member inserted before the end, 3 the storage grows:
     *             added to MY110 (ENUM) or MY120 (SET) it is the rule's code
     */
    record Problem(int step, String text) {
    }

    /** What makes going from this list to {@code after} more than a cheap append, if anything. */
    Optional<Problem> problemGoingTo(MemberList after) {
        List<String> removed = members.stream().filter(m -> !after.members.contains(m)).toList();
        if (!removed.isEmpty()) {
            return Optional.of(new Problem(0, "removes " + quoted(removed)));
        }
        List<String> kept = after.members.stream().filter(members::contains).toList();
        if (!kept.equals(members)) {
            return Optional.of(new Problem(1, "reorders the members"));
        }
        if (!after.members.subList(0, members.size()).equals(members)) {
            return Optional.of(new Problem(2, "inserts " + quoted(after.members.stream().filter(m -> !members.contains(m))
                    .toList()) + " before existing members"));
        }
        if (after.storageBytes() != storageBytes()) {
            return Optional.of(new Problem(3, "grows its storage from " + storageBytes() + " to " + after.storageBytes()
                    + " bytes per row"));
        }
        return Optional.empty();
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }
}
