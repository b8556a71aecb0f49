package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Where a rule's documentation lives ({@code docs/rules/CODE.md}) and its name, for reports that link to rules. */
public final class RuleDocs {
    /** The published rule docs; front ends that host their own copy pass another base to the renderers. */
    public static final String DEFAULT_BASE_URL = "https://github.com/schemagate/schemagate/blob/main/docs/rules/";

    private RuleDocs() {
    }

    /** {@code base + CODE.md}; the code is percent-encoded because a policy file could name any code. */
    public static String url(String baseUrl, String code) {
        String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        return base + URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20") + ".md";
    }

    /** The rule's page (docs/rules/CODE.md, packaged with the core), when schemagate knows the code. */
    public static Optional<String> page(String code) {
        Optional<Rule> rule = rule(code);
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = RuleDocs.class.getResourceAsStream("/io/schemagate/rules/" + rule.get().code() + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The rule behind a code, when it is one schemagate knows (a report may carry codes from elsewhere). */
    public static Optional<Rule> rule(String code) {
        return Arrays.stream(Rule.values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
