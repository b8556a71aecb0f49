package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import io.schemagate.core.testing.GitRepo;
import io.schemagate.core.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Every report format from one {@code migrate lint} run against the local PostgreSQL service. */
class ReportFormatsTest {
    private static final String DEV_URL = "postgres://postgres@127.0.0.1:5432/postgres";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @BeforeAll
    static void serviceIsUp() {
        LocalPostgres.require();
    }

    @Test
    void allFormatsFromOneRun() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("migrations"));
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        Files.writeString(dir.resolve("2_bad.sql"), "ALTER TABLE users\n  ADD COLUMN age nosuchtype;\n");
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());
        Path sarif = temp.resolve("lint.sarif");
        Path junit = temp.resolve("junit.xml");
        Path quality = temp.resolve("gl-code-quality.json");
        Path markdown = temp.resolve("comment.md");
        Path dotenv = temp.resolve("reports/lint.env");

        CliRun run = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--latest", "1", "--dev-url", DEV_URL,
                "--report", "sarif=" + sarif, "--report", "junit=" + junit, "--report", "codequality=" + quality,
                "--report", "markdown=" + markdown, "--report", "dotenv=" + dotenv, "--format", "github");
        assertEquals(1, run.exitCode(), run.toString());
        String file = dir.resolve("2_bad.sql").toString();

        assertEquals("::error file=" + file + ",line=2,col=18,title=DI509::type \"nosuchtype\" does not exist\n", run.out());

        JsonNode result = JSON.readTree(Files.readString(sarif)).at("/runs/0/results/0");
        assertEquals("DI509", result.get("ruleId").asText());
        assertEquals("error", result.get("level").asText());
        assertEquals(2, result.at("/locations/0/physicalLocation/region/startLine").asInt());

        Element suite = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(junit)))).getDocumentElement();
        assertEquals("1", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("DI509", ((Element) suite.getElementsByTagName("failure").item(0)).getAttribute("type"));

        JsonNode issue = JSON.readTree(Files.readString(quality)).get(0);
        assertEquals("DI509", issue.get("check_name").asText());
        assertEquals("major", issue.get("severity").asText());
        assertEquals(file, issue.at("/location/path").asText());

        assertEquals("errors=1\nwarnings=0\n", Files.readString(dotenv));

        String comment = Files.readString(markdown);
        assertTrue(comment.startsWith("<!-- schemagate:" + dir + " -->\n"), comment);
        assertTrue(comment.contains("❌ **1 error**"), comment);
        assertTrue(comment.contains("docs/rules/DI509.md"), comment);
    }

    @Test
    void unknownFormatNamesTheKnownOnes() {
        CliRun run = CliRun.of("migrate", "lint", "--dir", temp.toString(), "--format", "yaml");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("schemagate: unknown --format \"yaml\"; expected text, json, markdown, sarif, junit, codequality, github or dotenv\n",
                run.err());
    }

    /** GitLab matches Code Quality paths, and GitHub annotation paths, against the repository's files. */
    @Test
    void codeQualityAndAnnotationsNameFilesAsTheRepositoryDoes() throws Exception {
        GitRepo repo = GitRepo.init(temp.resolve("repo"));
        repo.write("db/migrations/1_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        repo.write("db/migrations/2_drop.sql", "ALTER TABLE users DROP COLUMN name;\n");
        Path dir = repo.root.resolve("db/migrations");
        assertEquals(0, CliRun.of("migrate", "hash", "--dir", dir.toString()).exitCode());
        Path quality = temp.resolve("quality.json");

        CliRun run = CliRun.of("migrate", "lint", "--dir", dir.toString(), "--latest", "1", "--dev-url", DEV_URL,
                "--report", "codequality=" + quality, "--format", "github");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("db/migrations/2_drop.sql", JSON.readTree(Files.readString(quality)).at("/0/location/path").asText());
        assertTrue(run.out().startsWith("::error file=db/migrations/2_drop.sql,line=1,"), run.out());
    }
}
