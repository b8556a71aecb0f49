package io.schemagate.core.diagnostic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** docs/rules stays in sync with the rules schemagate reports: one page per rule, and the index lists each once. */
class RuleDocsTest {
    private static final Path DOCS = Path.of(System.getProperty("schemagate.root", "..")).resolve("docs/rules");
    private static final Pattern ROW = Pattern.compile("^\\| \\[(\\w+)]\\(\\1\\.md\\) \\| ([\\w-]+) \\| (\\w+)");

    @Test
    void everyRuleHasAPageWithTheFourSections() throws Exception {
        for (Rule rule : Rule.values()) {
            Path page = DOCS.resolve(rule.code() + ".md");
            assertTrue(Files.isRegularFile(page), "missing " + page);
            String text = Files.readString(page);
            assertTrue(text.startsWith("# " + rule.code() + " " + rule.title() + "\n"), page + " title");
            for (String section : List.of("**What it detects.**", "**Why it matters.**", "**How to fix.**", "**Example.**")) {
                assertTrue(text.contains(section), page + " lacks " + section);
            }
        }
    }

    @Test
    void theIndexListsEveryRuleWithItsNameAndSeverity() throws Exception {
        List<String> rows = Files.readAllLines(DOCS.resolve("README.md")).stream()
                .map(ROW::matcher).filter(Matcher::find)
                .map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3)).toList();
        List<String> expected = Arrays.stream(Rule.values())
                .map(r -> r.code() + " " + r.title() + " " + r.defaultSeverity().id()).sorted().toList();
        assertEquals(expected, rows.stream().sorted().toList());
        try (Stream<Path> pages = Files.list(DOCS)) {
            assertEquals(expected.size(), pages.filter(p -> !p.getFileName().toString().equals("README.md")).count(),
                    "a page for a rule schemagate does not report");
        }
    }
}
