package io.schemagate.core.plan;

import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.View;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Views in the order they can be created: one that reads another view being created goes after it. A view's
 * dependencies are read from its definition's text — the names it holds as whole words, quoted or not (a
 * conservative test) — once per definition, so ordering thousands of views stays linear in their text.
 */
public final class ViewOrder {
    private ViewOrder() {
    }

    /** {@code views} in creation order; views in a cycle (which the database would refuse anyway) keep their order. */
    public static List<View> forCreation(Collection<View> views) {
        Map<String, View> byName = new LinkedHashMap<>();
        views.forEach(v -> byName.put(v.name(), v));
        Map<View, Set<View>> readers = new HashMap<>();
        Map<View, Integer> waiting = new HashMap<>();
        for (View view : views) {
            int count = 0;
            for (String word : words(view.definition())) {
                View read = byName.get(word);
                if (read != null && read != view) {
                    readers.computeIfAbsent(read, k -> new HashSet<>()).add(view);
                    count++;
                }
            }
            waiting.put(view, count);
        }
        Deque<View> ready = new ArrayDeque<>();
        views.stream().filter(v -> waiting.get(v) == 0).forEach(ready::add);
        List<View> ordered = new ArrayList<>();
        Set<View> done = new HashSet<>();
        while (ordered.size() < views.size()) {
            if (ready.isEmpty()) { // a cycle: take the first left, as given
                views.stream().filter(v -> !done.contains(v)).findFirst().ifPresent(ready::add);
            }
            View next = ready.poll();
            if (!done.add(next)) {
                continue;
            }
            ordered.add(next);
            for (View reader : readers.getOrDefault(next, Set.of())) {
                if (waiting.merge(reader, -1, Integer::sum) == 0 && !done.contains(reader)) {
                    ready.add(reader);
                }
            }
        }
        return ordered;
    }

    /** Whether SQL text names the object, quoted (with " or `) or not, as a whole word. */
    public static boolean mentions(String sql, QualifiedName name) {
        return words(sql).contains(name.name());
    }

    /** The identifiers and words of SQL text, unquoted: what a definition may refer to. */
    public static Set<String> words(String sql) {
        Set<String> words = new HashSet<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '"' || c == '`') {
                int end = i + 1;
                StringBuilder word = new StringBuilder();
                while (end < n) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < n && sql.charAt(end + 1) == c) {
                            word.append(c);
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    word.append(sql.charAt(end++));
                }
                words.add(word.toString());
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                words.add(sql.substring(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return words;
    }
}
