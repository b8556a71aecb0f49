package io.schemagate.core.migrate;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Rule;
import io.schemagate.core.diagnostic.Severity;
import io.schemagate.core.sql.Comment;
import io.schemagate.core.sql.Statement;
import io.schemagate.core.sum.SumIgnore;
import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code atlas:} directives from a file's header and from the comments above statements, and reports the
 * misplaced, duplicate, unknown and near-miss ones (DI511) and suspicious suppressions (DI512).
 */
final class DirectiveParser {
    private static final Pattern DIRECTIVE = Pattern.compile("^atlas:(\\w+)(?: +(.*))?$");
    /** {@code atlas: nolint}, {@code atlas :txmode}: meant as a directive, silently ignored by Atlas. */
    private static final Pattern NEAR_MISS = Pattern.compile("^atlas\\s*:\\s+\\w+.*|^atlas\\s+:\\w+.*");
    private static final Set<String> KNOWN = Set.of("nolint", "txmode", "delimiter", "sum", "checkpoint");
    private static final Pattern CODE = Pattern.compile("^(DI|DS|BC|CD|MF|PG|MY|LT|TX|NM|HY)[0-9]{3}$");
    private static final Set<String> ANALYZER_NAMES =
            Set.of("destructive", "data_depend", "incompatible", "condrop", "naming", "concurrent_index");
    private static final String DELIMITER_PREFIX = "-- atlas:delimiter";

    private final String file;
    private final SourceText source;
    private final List<Diagnostic> diagnostics;

    DirectiveParser(String file, SourceText source, List<Diagnostic> diagnostics) {
        this.file = file;
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /** Reads the header: the leading {@code --}/{@code #} lines followed by a blank line, or the whole comment-only file. */
    Directives header(byte[] bytes) {
        int headerEnd = headerEnd();
        TxMode txMode = null;
        String delimiter = null;
        boolean checkpoint = false;
        List<Directive> nolint = new ArrayList<>();
        boolean sawTxMode = false;
        int headerLines = headerEnd == 0 ? 0 : source.lineOf(headerEnd - 1);
        for (int line = 1; line <= source.lineCount(); line++) {
            String text = source.line(line);
            if (line == 1 && text.startsWith(DELIMITER_PREFIX)) {
                delimiter = delimiterDirective(text);
                continue;
            }
            if (line > headerLines) {
                break;
            }
            Optional<Directive> found = directive(lineBody(text), source.position(source.lineStart(line)));
            if (found.isEmpty()) {
                continue;
            }
            Directive d = found.get();
            switch (d.name()) {
                case "nolint" -> {
                    checkNolint(d);
                    nolint.add(d);
                }
                case "txmode" -> {
                    if (sawTxMode) {
                        error(d.position(), "a second atlas:txmode directive; a file has one transaction mode");
                    }
                    sawTxMode = true;
                    txMode = txMode(d);
                }
                case "checkpoint" -> checkpoint = true;
                case "sum" -> checkSum(d, line);
                case "delimiter" -> error(d.position(), "atlas:delimiter must be the first line of the file, written \"-- atlas:delimiter X\"");
                default -> { }
            }
        }
        boolean sumIgnore = SumIgnore.isIgnored(bytes);
        String firstLine = source.substring(0, source.lineEnd(1));
        if (!sumIgnore && firstLine.matches(".*atlas:sum +ignore\\s*")) {
            diagnostics.add(Rule.DI511.at(file, Position.START, Severity.WARNING, "atlas:sum ignore is not honoured: line 1"
                    + " must end right after \"ignore\" with a plain LF (no CR, trailing space or byte-order mark)"));
        }
        return new Directives(headerEnd, txMode, delimiter, sumIgnore, checkpoint, nolint);
    }

    /** Checks directives in comments that belong to a statement (or trail the file) rather than to the header. */
    void attached(List<Comment> comments, int headerEnd) {
        for (Comment c : comments) {
            if (c.start() >= headerEnd && !(c.position().line() == 1 && c.text().startsWith(DELIMITER_PREFIX))) {
                checkOutsideHeader(c.body(), c.position());
            }
        }
    }

    /**
     * Checks comment lines the format does not run at all (before a goose/dbmate up marker, between Liquibase
     * changesets, in down sections): a file directive there is as misplaced as one above a statement.
     */
    void outsideRegions(List<Region> regions, int headerEnd) {
        for (int line = 1; line <= source.lineCount(); line++) {
            int start = source.lineStart(line);
            boolean inRegion = regions.stream().anyMatch(r -> start >= r.from() && start < r.to());
            String text = source.substring(start, source.lineEnd(line)).strip();
            if (start >= headerEnd && !inRegion && (text.startsWith("--") || text.startsWith("#"))
                    && !(line == 1 && text.startsWith(DELIMITER_PREFIX))) {
                checkOutsideHeader(lineBody(text), source.position(start));
            }
        }
    }

    private void checkOutsideHeader(String body, Position at) {
        Optional<Directive> found = directive(body, at);
        if (found.isEmpty()) {
            return;
        }
        Directive d = found.get();
        switch (d.name()) {
            case "nolint" -> checkNolint(d);
            case "txmode", "checkpoint" -> error(d.position(), "atlas:" + d.name()
                    + " only works in the file header: the comment lines at the top, followed by a blank line");
            case "sum" -> checkSum(d, at.line());
            case "delimiter" -> error(d.position(), "atlas:delimiter must be the first line of the file, written \"-- atlas:delimiter X\"");
            default -> { }
        }
    }

    /** The {@code atlas:nolint} directives directly attached to a statement (its leading comments after the header). */
    static List<Directive> nolint(Statement statement, int headerEnd) {
        List<Directive> found = new ArrayList<>();
        for (Comment c : statement.comments()) {
            if (c.start() >= headerEnd) {
                parse(c.body(), c.position()).filter(d -> d.name().equals("nolint")).ifPresent(found::add);
            }
        }
        return found;
    }

    // ---- single directives ----

    private Optional<Directive> directive(String body, Position at) {
        if (NEAR_MISS.matcher(body).matches()) {
            diagnostics.add(Rule.DI511.at(file, at, Severity.WARNING,
                    "\"" + body + "\" looks like a directive but is ignored: write atlas:NAME without spaces around the colon"));
            return Optional.empty();
        }
        Optional<Directive> d = parse(body, at);
        if (d.isPresent() && !KNOWN.contains(d.get().name())) {
            error(at, "unknown directive atlas:" + d.get().name() + " (known: nolint, txmode, delimiter, sum, checkpoint)");
            return Optional.empty();
        }
        return d;
    }

    private static Optional<Directive> parse(String body, Position at) {
        Matcher m = DIRECTIVE.matcher(body);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        String reason = "";
        int dashes = rest.indexOf(" -- ");
        if (rest.startsWith("-- ")) {
            reason = rest.substring(3).strip();
            rest = "";
        } else if (dashes >= 0) {
            reason = rest.substring(dashes + 4).strip();
            rest = rest.substring(0, dashes);
        }
        List<String> args = Arrays.stream(rest.split(" ")).filter(a -> !a.isEmpty()).toList();
        return Optional.of(new Directive(m.group(1), args, reason, at));
    }

    private void checkNolint(Directive d) {
        for (String word : d.reason().split("[^A-Za-z0-9_]+")) {
            if (CODE.matcher(word).matches() || ANALYZER_NAMES.contains(word)) {
                diagnostics.add(Rule.DI512.at(file, d.position(), "the reason of this atlas:nolint mentions \"" + word
                        + "\": Atlas reads every word as a rule to suppress; reword it"));
            }
        }
        for (String arg : d.args()) {
            if (arg.contains(",")) {
                diagnostics.add(Rule.DI511.at(file, d.position(), Severity.WARNING,
                        "atlas:nolint arguments are separated by spaces, not commas: \"" + arg + "\""));
            } else if (!CODE.matcher(arg).matches() && !ANALYZER_NAMES.contains(arg)) {
                diagnostics.add(Rule.DI512.at(file, d.position(), "atlas:nolint names unknown rule \"" + arg + "\""));
            }
        }
    }

    private TxMode txMode(Directive d) {
        if (d.args().size() != 1) {
            error(d.position(), "atlas:txmode takes one value: none or file");
            return null;
        }
        return switch (d.args().get(0)) {
            case "none" -> TxMode.NONE;
            case "file" -> TxMode.FILE;
            case "all" -> {
                error(d.position(), "atlas:txmode all is a global setting, not a file directive; use none or file");
                yield null;
            }
            default -> {
                error(d.position(), "unknown atlas:txmode value \"" + d.args().get(0) + "\" (expected none or file)");
                yield null;
            }
        };
    }

    private void checkSum(Directive d, int line) {
        if (!d.args().equals(List.of("ignore"))) {
            error(d.position(), "atlas:sum takes one value: ignore");
        } else if (line != 1) {
            error(d.position(), "atlas:sum ignore only works on line 1 of the file");
        }
    }

    private String delimiterDirective(String line) {
        Position at = Position.START;
        String raw = line.substring(DELIMITER_PREFIX.length());
        if (!raw.startsWith(" ") || raw.strip().isEmpty()) {
            error(at, "atlas:delimiter needs a delimiter, e.g. \"-- atlas:delimiter //\"");
            return null;
        }
        if (source.lineCount() < 2) {
            error(at, "atlas:delimiter is the whole file: the statements start on line 2");
            return null;
        }
        return raw.strip().replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    }

    private void error(Position at, String message) {
        diagnostics.add(Rule.DI511.at(file, at, message));
    }

    // ---- the header ----

    /**
     * End of the header: the block of lines starting with {@code --} or {@code #} from the first byte, when a blank
     * line (spaces or tabs, then LF or CR LF) follows it or nothing but comments does. 0 when there is none.
     */
    private int headerEnd() {
        int line = 1;
        while (line <= source.lineCount() && isCommentLine(line)) {
            line++;
        }
        if (line == 1) {
            return 0;
        }
        boolean blockEnds = line > source.lineCount() || isBlank(line);
        return blockEnds ? source.lineEnd(line - 1) : 0;
    }

    private boolean isCommentLine(int line) {
        String text = source.line(line);
        return text.startsWith("--") || text.startsWith("#");
    }

    private boolean isBlank(int line) {
        String text = source.line(line);
        return text.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r');
    }

    private static String lineBody(String line) {
        String body = line.startsWith("--") ? line.substring(2) : line.startsWith("#") ? line.substring(1) : line;
        return body.strip();
    }
}
