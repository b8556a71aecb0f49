package io.schemagate.core.plan;

import io.schemagate.core.schema.QualifiedName;
import io.schemagate.core.schema.View;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Views in the order they can be created: one that reads another view being created goes after it. A view's
 * dependencies are read from its definition's text (a conservative test: a name that appears as a whole word).
 */
public final class ViewOrder {
    private ViewOrder() {
    }

    /** {@code views} in creation order (a cycle, which the database would refuse anyway, keeps the given order). */
    public static List<View> forCreation(Collection<View> views) {
        List<View> left = new ArrayList<>(views);
        List<View> ordered = new ArrayList<>();
        while (!left.isEmpty()) {
            View next = left.stream().filter(v -> left.stream().noneMatch(o -> o != v
                    && mentions(v.definition(), o.qualifiedName()))).findFirst().orElse(left.get(0));
            left.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    /** Whether SQL text names the object, quoted (with " or `) or not, as a whole word. */
    public static boolean mentions(String sql, QualifiedName name) {
        return Pattern.compile("(?<![A-Za-z0-9_$])[\"`]?" + Pattern.quote(name.name()) + "[\"`]?(?![A-Za-z0-9_$])")
                .matcher(sql).find();
    }
}
