package io.schemagate.core.dialect.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.ToLongFunction;

/**
 * One schema's list of relations (or sequences) after a scoped inspection: the ones kept, less those in the scope,
 * and the ones read again, by name in the order {@code ORDER BY relname} gives. The kept list is already in that
 * order, so this is one merge, with no sorting and no copy at all when the scope touched nothing in the schema.
 */
final class ScopedList {

    private ScopedList() {
    }

    /**
     * @param kept  the schema's list before, by name
     * @param read  what the readers found in the schema, by name
     * @param scope whether an oid was read again: those in {@code kept} are replaced (or gone, when {@code read}
     *              lacks them)
     * @return {@code kept} itself when nothing in it is in the scope and nothing was read
     */
    static <T> List<T> merge(List<T> kept, List<T> read, LongPredicate scope, ToLongFunction<T> oid,
                             Function<T, String> name) {
        boolean touched = !read.isEmpty();
        for (int i = 0; i < kept.size() && !touched; i++) {
            touched = scope.test(oid.applyAsLong(kept.get(i)));
        }
        if (!touched) {
            return kept;
        }
        List<T> out = new ArrayList<>(kept.size() + read.size());
        int r = 0;
        for (T item : kept) {
            if (scope.test(oid.applyAsLong(item))) {
                continue;
            }
            String itemName = name.apply(item);
            while (r < read.size() && byCodePoint(name.apply(read.get(r)), itemName) < 0) {
                out.add(read.get(r++));
            }
            out.add(item);
        }
        while (r < read.size()) {
            out.add(read.get(r++));
        }
        return out;
    }

    /**
     * The order of {@code ORDER BY relname}: the {@code name} type sorts by UTF-8 bytes, that is by code point (not
     * by UTF-16 unit, as {@link String#compareTo} does).
     */
    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
