package io.schemagate.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemagate.core.diagnostic.Severity;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

class JunitReportTest {
    private final LintReport report = SampleReports.hostile();

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        return doc.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** What an XML parser makes of an attribute: line breaks and tabs normalised to spaces. */
    private static String attributeValue(String text) {
        return JunitReport.xmlText(text).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    @Test
    void oneSuiteOneCasePerFileWithCounts() throws Exception {
        Element suite = parse(JunitReport.render(report));
        assertEquals("testsuite", suite.getTagName());
        assertEquals("schemagate", suite.getAttribute("name"));
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("4", suite.getAttribute("failures"), "2 errors and 2 warnings");
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("1", suite.getAttribute("skipped"));
        List<Element> cases = children(suite, "testcase");
        assertEquals(3, cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(attributeValue(SampleReports.DIR), cases.get(i).getAttribute("classname"));
            assertEquals(attributeValue(report.files().get(i).name()), cases.get(i).getAttribute("name"));
        }
        List<String> properties = new ArrayList<>();
        for (Element p : children(children(suite, "properties").get(0), "property")) {
            properties.add(p.getAttribute("name") + "=" + p.getAttribute("value"));
        }
        assertTrue(properties.contains("schemagate.errors=" + report.count(Severity.ERROR)), properties.toString());
        assertTrue(properties.contains("schemagate.warnings=" + report.count(Severity.WARNING)), properties.toString());
    }

    @Test
    void failuresCarryCodeMessageLocationAndFix() throws Exception {
        List<Element> cases = children(parse(JunitReport.render(report)), "testcase");
        List<Element> failures = children(cases.get(0), "failure");
        assertEquals(2, failures.size(), "the info finding is no failure");
        Element failed = failures.get(0);
        assertEquals("DI509", failed.getAttribute("type"));
        assertEquals(attributeValue("DI509: " + SampleReports.HOSTILE_MESSAGE), failed.getAttribute("message"));
        String body = failed.getTextContent();
        assertTrue(body.startsWith(SampleReports.FILE_1 + ":2:34: error DI509: "), body);
        assertTrue(body.contains("fix: Quote the | name <b>\nreplace lines 2-3 with:\n" + SampleReports.FIX_SQL), body);
        assertTrue(children(cases.get(0), "system-out").get(0).getTextContent().contains("info DI513: nothing to do\nfix: delete the file"));
        assertEquals("not replayed: replay stopped at " + attributeValue(SampleReports.FILE_1),
                children(cases.get(1), "skipped").get(0).getAttribute("message"));
        assertTrue(children(cases.get(1), "failure").isEmpty());
    }

    @Test
    void charactersXmlCannotHoldAreDropped() throws Exception {
        List<Element> cases = children(parse(JunitReport.render(report)), "testcase");
        Element edited = children(cases.get(2), "failure").get(0);
        assertEquals("DI503: edited[31m file ]]> & \"quoted\" 'single'", edited.getAttribute("message"));
        assertEquals("a\tb\nc\uD83D\uDE00d", JunitReport.xmlText("a\tb\nc\u0000\uD83D\uDE00\uDC00\uFFFFd"));
    }

    @Test
    void deterministicAndEmpty() throws Exception {
        assertEquals(JunitReport.render(report), JunitReport.render(report));
        Element suite = parse(JunitReport.render(new LintReport("m", "atlas", null, "none", List.of())));
        assertEquals("0", suite.getAttribute("tests"));
        assertFalse(JunitReport.render(report).contains("<script>"));
    }
}
