package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;
import io.schemagate.core.diagnostic.Fix;
import io.schemagate.core.diagnostic.Severity;
import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code --format junit}: JUnit XML for CI test tabs. One {@code <testsuite name="schemagate">}, one
 * {@code <testcase>} per reported file (classname = the directory, name = the file), one {@code <failure>} per
 * warning or error (type = the code); info findings go to the test case's {@code <system-out>}, and a file that
 * was not replayed because an earlier one failed is {@code <skipped>}.
 *
 * <p>The suite's {@code tests}, {@code failures}, {@code errors} and {@code skipped} attributes keep their JUnit
 * meaning (counts of test cases and of those elements; schemagate writes no {@code <error>}, so it is 0), because
 * CI tools check them against the elements. The numbers of error- and warning-level findings are the
 * {@code schemagate.errors} and {@code schemagate.warnings} properties.
 */
public final class JunitReport {
    private JunitReport() {
    }

    public static String render(LintReport report) {
        StringWriter text = new StringWriter();
        try {
            // The JDK's own writer, not whatever a classpath might provide, so the output never varies.
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            attribute(xml, "name", "schemagate");
            attribute(xml, "tests", report.files().size());
            attribute(xml, "failures", report.diagnostics().stream().filter(JunitReport::fails).count());
            attribute(xml, "errors", 0);
            attribute(xml, "skipped", report.files().stream().filter(JunitReport::skipped).count());
            attribute(xml, "time", 0);
            properties(xml, report);
            for (FileReport file : report.files()) {
                testCase(xml, report.dir(), file);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return text.toString();
    }

    private static void properties(XMLStreamWriter xml, LintReport report) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("properties");
        property(xml, "schemagate.dir", report.dir());
        property(xml, "schemagate.format", report.format());
        property(xml, "schemagate.selection", report.selection());
        if (report.devDatabase() != null) {
            property(xml, "schemagate.devDatabase", report.devDatabase());
        }
        property(xml, "schemagate.errors", String.valueOf(report.count(Severity.ERROR)));
        property(xml, "schemagate.warnings", String.valueOf(report.count(Severity.WARNING)));
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        attribute(xml, "name", name);
        attribute(xml, "value", value);
    }

    private static void testCase(XMLStreamWriter xml, String dir, FileReport file) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        attribute(xml, "classname", dir);
        attribute(xml, "name", file.name());
        attribute(xml, "time", 0);
        for (Diagnostic d : file.diagnostics()) {
            if (fails(d)) {
                xml.writeCharacters("\n    ");
                xml.writeStartElement("failure");
                attribute(xml, "message", d.code() + ": " + d.message());
                attribute(xml, "type", d.code());
                xml.writeCharacters(xmlText(body(d)));
                xml.writeEndElement();
            }
        }
        if (skipped(file)) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("skipped");
            attribute(xml, "message", file.error());
        }
        List<Diagnostic> infos = file.diagnostics().stream().filter(d -> d.severity() == Severity.INFO).toList();
        if (!infos.isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            StringBuilder out = new StringBuilder();
            infos.forEach(d -> out.append(body(d)));
            xml.writeCharacters(xmlText(out.toString()));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    /** {@code file:line:col: severity CODE: message}, then each fix: its message and the replacement text. */
    private static String body(Diagnostic d) {
        StringBuilder out = new StringBuilder(d.oneLine()).append('\n');
        for (Fix fix : d.fixes()) {
            out.append("fix: ").append(fix.message()).append('\n');
            if (fix.edit() != null) {
                Fix.TextEdit edit = fix.edit();
                out.append("replace lines ").append(edit.line()).append('-').append(Math.max(edit.line(), edit.endLine()))
                        .append(" with:\n").append(edit.newText());
                if (!edit.newText().endsWith("\n")) {
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static boolean fails(Diagnostic d) {
        return d.severity() == Severity.ERROR || d.severity() == Severity.WARNING;
    }

    /** Not replayed: the file has a reason but no finding (the finding sits on the file where replay stopped). */
    private static boolean skipped(FileReport file) {
        return file.error() != null && file.diagnostics().stream().noneMatch(JunitReport::fails);
    }

    private static void attribute(XMLStreamWriter xml, String name, long value) throws XMLStreamException {
        xml.writeAttribute(name, String.valueOf(value));
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, xmlText(value));
    }

    /**
     * Drops what XML 1.0 cannot hold at all, escaped or not (control characters other than tab, LF and CR, lone
     * surrogates, U+FFFE and U+FFFF); the writer escapes the rest. Database messages and file names can carry them.
     */
    static String xmlText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(JunitReport::legal).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean legal(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }
}
