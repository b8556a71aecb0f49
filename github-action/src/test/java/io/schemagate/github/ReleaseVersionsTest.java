package io.schemagate.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One version for the whole project: the root pom.xml's. Every other string in the repository that names a version
 * of schemagate names that one (without {@code -SNAPSHOT}: between releases the docs already name the coming
 * release), or its moving major tag where a moving tag is meant. A disagreement is reported as FILE:LINE.
 */
class ReleaseVersionsTest {
    private static final Path ROOT = Path.of(System.getProperty("schemagate.root", "..")).toAbsolutePath().normalize();
    private static final String GROUP = "io.schemagate";
    /** Directories that hold no file of the project's own. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".gitlab-ci-local");

    private static final Pattern IMAGE = Pattern.compile(
            "(?:ghcr\\.io|registry\\.gitlab\\.com)/schemagate/schemagate:([\\w.-]+)");
    private static final Pattern COMPONENT = Pattern.compile("schemagate/schemagate/[\\w-]+@(\\d[\\w.-]*\\w)");
    private static final Pattern ACTION = Pattern.compile("schemagate/schemagate@(v[\\w.-]*\\w)");
    private static final Pattern DOWNLOAD = Pattern.compile(
            "schemagate/schemagate/releases/(?:download|tag)/(v\\d[\\w.-]*\\w)");
    private static final Pattern JAR = Pattern.compile("\\bschemagate-(\\d[\\w.-]*?)\\.jar\\b");

    /** A value and the line it is on. */
    record Located(String value, int line) {
    }

    record Dependency(Located groupId, Located version) {
    }

    /** What a pom.xml says about versions of io.schemagate. */
    record Pom(Path file, Located groupId, Located version, Located parentGroupId, Located parentVersion,
               List<Dependency> dependencies) {
    }

    private final List<String> disagreements = new ArrayList<>();

    private void disagree(Path file, int line, String message) {
        disagreements.add(ROOT.relativize(file) + ":" + line + ": " + message);
    }

    @Test
    void everyVersionStringAgreesWithTheRootPom() throws IOException {
        Pom root = pom(ROOT.resolve("pom.xml"));
        String version = root.version().value();
        String release = version.replaceFirst("-SNAPSHOT$", "");
        assertTrue(release.matches("\\d+\\.\\d+\\.\\d+"),
                "pom.xml's version " + version + " is MAJOR.MINOR.PATCH[-SNAPSHOT]");
        String major = "v" + release.substring(0, release.indexOf('.'));

        for (Path file : files(name -> name.equals("pom.xml"))) {
            checkPom(pom(file), version);
        }
        for (Path file : files(name -> true)) {
            if (!file.equals(ROOT.resolve("CHANGELOG.md"))) { // names every earlier release, checked below
                checkText(file, release, major);
            }
        }
        checkPinned(ROOT.resolve("action.yml"), "docker://ghcr.io/schemagate/schemagate:" + release);
        for (Path template : files(name -> name.endsWith(".yml"), ROOT.resolve("templates"))) {
            checkPinned(template, "registry.gitlab.com/schemagate/schemagate:" + release);
        }
        checkChangelog(release);
        assertEquals(List.of(), disagreements, "versions that disagree with pom.xml's " + version);
    }

    /** The CLI's --version and the base cache key read the version Maven filtered in: the pom's. */
    @Test
    void theBuildsVersionIsThePoms() throws IOException {
        String version = pom(ROOT.resolve("pom.xml")).version().value();
        for (String source : List.of("shared-core/src/main/filtered/io/schemagate/core/version.properties",
                "cli/src/main/resources/schemagate-version.properties")) {
            assertEquals("version=${project.version}", Files.readString(ROOT.resolve(source)).strip(), source);
        }
        // shared-core as built in this reactor run (on this module's class path): the filter did replace it.
        Properties built = new Properties();
        try (InputStream in = ReleaseVersionsTest.class.getResourceAsStream("/io/schemagate/core/version.properties")) {
            assertNotNull(in, "shared-core's version.properties is not on the class path");
            built.load(in);
        }
        assertEquals(version, built.getProperty("version"));
    }

    /** One image since issue 17: the action's own image is gone, from the docs too. */
    @Test
    void theOldImageNameIsGone() throws IOException {
        for (Path file : files(name -> true)) {
            List<String> lines = textLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("ghcr.io/schemagate/" + "schemagate-action")) { // split: not this line
                    disagree(file, i + 1, lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), disagreements, "the old image name, now ghcr.io/schemagate/schemagate");
    }

    /** Every module's pom is read, so the version check cannot pass by reading nothing. */
    @Test
    void theCheckSeesEveryModulesPom() throws IOException {
        List<String> poms = files(name -> name.equals("pom.xml")).stream().map(p -> ROOT.relativize(p).toString())
                .sorted().toList();
        assertEquals(List.of("cli/pom.xml", "github-action/pom.xml", "gitlab-component/pom.xml",
                "jenkins-plugin/plugin/pom.xml", "jenkins-plugin/pom.xml", "pom.xml", "shared-core/pom.xml"), poms);
    }

    /** The file's lines; none for a file that is not UTF-8 text (an image, a jar). */
    private static List<String> textLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException binary) {
            return List.of();
        }
    }

    private void checkPom(Pom pom, String version) {
        boolean ownParent = pom.parentGroupId() != null && GROUP.equals(pom.parentGroupId().value());
        if (ownParent && !version.equals(pom.parentVersion().value())) {
            disagree(pom.file(), pom.parentVersion().line(), "parent version " + pom.parentVersion().value());
        }
        boolean ours = ownParent || pom.groupId() != null && GROUP.equals(pom.groupId().value());
        if (ours && pom.version() != null && !version.equals(pom.version().value())) {
            disagree(pom.file(), pom.version().line(), "version " + pom.version().value());
        }
        for (Dependency dependency : pom.dependencies()) {
            if (dependency.groupId() != null && GROUP.equals(dependency.groupId().value()) && dependency.version() != null
                    && !Set.of(version, "${project.version}").contains(dependency.version().value())) {
                disagree(pom.file(), dependency.version().line(), "dependency version " + dependency.version().value());
            }
        }
    }

    private void checkText(Path file, String release, String major) throws IOException {
        List<String> lines = textLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            each(IMAGE, line, tag -> Set.of(release, major).contains(tag), file, number, "image tag");
            each(COMPONENT, line, release::equals, file, number, "component version");
            each(ACTION, line, ref -> Set.of(major, "v" + release).contains(ref), file, number, "action ref");
            each(DOWNLOAD, line, ("v" + release)::equals, file, number, "release tag");
            each(JAR, line, release::equals, file, number, "jar version");
        }
    }

    private void each(Pattern pattern, String line, Predicate<String> agrees, Path file, int number, String what) {
        Matcher m = pattern.matcher(line);
        while (m.find()) {
            if (!agrees.test(m.group(1))) {
                disagree(file, number, what + " " + m.group(1) + " in: " + line.strip());
            }
        }
    }

    /** action.yml and the components run one exact release, never a moving tag. */
    private void checkPinned(Path file, String image) throws IOException {
        List<String> lines = Files.readAllLines(file);
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = IMAGE.matcher(lines.get(i));
            while (m.find()) {
                found = true;
                if (!lines.get(i).contains(image)) {
                    disagree(file, i + 1, "not pinned to " + image + ": " + lines.get(i).strip());
                }
            }
        }
        if (!found) {
            disagree(file, 1, "names no image (expected " + image + ")");
        }
    }

    private void checkChangelog(String release) throws IOException {
        Path changelog = ROOT.resolve("CHANGELOG.md");
        String text = Files.readString(changelog);
        if (!Pattern.compile("(?m)^## \\[" + Pattern.quote(release) + "\\]( - .+)?$").matcher(text).find()) {
            disagree(changelog, 1, "no \"## [" + release + "]\" section");
        }
        String link = "[" + release + "]: https://github.com/schemagate/schemagate/releases/tag/v" + release;
        if (!text.contains("\n" + link + "\n")) {
            disagree(changelog, 1, "no link line for " + release);
        }
    }

    private static List<Path> files(Predicate<String> name) throws IOException {
        return files(name, ROOT);
    }

    private static List<Path> files(Predicate<String> name, Path under) throws IOException {
        try (Stream<Path> walk = Files.walk(under)) {
            return walk.filter(p -> ROOT.relativize(p).toString().isEmpty()
                            || Stream.of(ROOT.relativize(p).toString().split("/")).noneMatch(SKIPPED::contains))
                    .filter(Files::isRegularFile).filter(p -> name.test(p.getFileName().toString())).sorted().toList();
        }
    }

    /** The io.schemagate versions a pom.xml names, each with its line (a SAX parse: DOM keeps no line numbers). */
    static Pom pom(Path file) throws IOException {
        PomHandler handler = new PomHandler();
        try (InputStream in = Files.newInputStream(file)) {
            SAXParserFactory.newInstance().newSAXParser().parse(in, handler);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Pom(file, handler.groupId, handler.version, handler.parentGroupId, handler.parentVersion,
                handler.dependencies);
    }

    private static final class PomHandler extends DefaultHandler {
        private final Deque<String> path = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private Locator locator;
        private Located groupId;
        private Located version;
        private Located parentGroupId;
        private Located parentVersion;
        private Located dependencyGroupId;
        private Located dependencyVersion;
        private final List<Dependency> dependencies = new ArrayList<>();

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            path.addLast(qName);
            text.setLength(0);
            if (qName.equals("dependency")) {
                dependencyGroupId = null;
                dependencyVersion = null;
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String where = String.join("/", path);
            Located value = new Located(text.toString().strip(), locator.getLineNumber());
            switch (where) {
                case "project/groupId" -> groupId = value;
                case "project/version" -> version = value;
                case "project/parent/groupId" -> parentGroupId = value;
                case "project/parent/version" -> parentVersion = value;
                default -> {
                    if (where.endsWith("/dependency/groupId")) {
                        dependencyGroupId = value;
                    } else if (where.endsWith("/dependency/version")) {
                        dependencyVersion = value;
                    } else if (where.endsWith("/dependency")) {
                        dependencies.add(new Dependency(dependencyGroupId, dependencyVersion));
                    }
                }
            }
            path.removeLast();
            text.setLength(0);
        }
    }
}
