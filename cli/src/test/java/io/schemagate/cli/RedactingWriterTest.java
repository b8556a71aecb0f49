package io.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets are hidden however the text reaches the writer: split across writes, in long lines, added late. */
class RedactingWriterTest {
    private final StringWriter sink = new StringWriter();
    private final Secrets secrets = new Secrets();
    private final RedactingWriter writer = new RedactingWriter(sink, secrets);

    private void write(String... chunks) throws IOException {
        for (String chunk : chunks) {
            writer.write(chunk);
        }
    }

    @Test
    void aSecretSplitAcrossWritesIsStillHidden() throws IOException {
        secrets.add("hunter2-secret");
        write("password is hun", "ter2", "-sec", "ret and more\n");
        assertEquals("password is **** and more\n", sink.toString());
    }

    @Test
    void ofAnUnfinishedLineASecretsLengthIsHeldUntilFlush() throws IOException {
        secrets.add("hunter2-secret");
        write("first line\nsecond, unfinished hunter2-se");
        assertEquals("first line\nsecond, unfinish", sink.toString(), "the last 13 characters may start a secret");
        write("cret");
        writer.flush();
        assertEquals("first line\nsecond, unfinished ****", sink.toString());
    }

    @Test
    void aLongLineWithoutABreakIsPassedOnButNeverSplitsASecret() throws IOException {
        secrets.add("hunter2-secret");
        String filler = "x".repeat(100);
        write(filler, "hunter2-", "secret", filler, "hunter2");
        String before = sink.toString();
        assertEquals(filler + "****" + filler.substring(0, filler.length() - 6), before,
                "all but the last (longest - 1) characters pass");
        write("-secret");
        writer.flush();
        assertEquals(filler + "****" + filler + "****", sink.toString());
    }

    @Test
    void oneCharacterAtATime() throws IOException {
        secrets.add("ghp_token_value_1234");
        secrets.add("token_value"); // contained in the longer one: the longer is hidden whole
        String text = "a ghp_token_value_1234 b token_value c\n";
        for (char c : text.toCharArray()) {
            writer.write(c);
        }
        assertEquals("a **** b **** c\n", sink.toString());
    }

    @Test
    void aSecretLearnedLaterIsHiddenFromThenOn() throws IOException {
        write("before\n");
        secrets.add("stdin-password");
        write("stdin-password\n");
        assertEquals("before\n****\n", sink.toString());
    }

    @Test
    void shortAndMissingValuesAreIgnored() throws IOException {
        secrets.add("abc");
        secrets.add(null);
        secrets.addEnvironment(Map.of("PGPASSWORD", "pw", "GITHUB_TOKEN", "ghs_abcdef"));
        write("abc pw ghs_abcdef true\n");
        assertEquals("abc pw **** true\n", sink.toString());
    }

    @Test
    void aSecretIsHiddenAsTheReportFormatsEscapeIt() {
        secrets.add("p_w*d\"<&>%x");
        assertEquals("md **** json **** xml **** workflow ****", secrets.redact("md p\\_w\\*d\"&lt;&amp;&gt;%x"
                + " json p_w*d\\\"<&>%x xml p_w*d&quot;&lt;&amp;&gt;%x workflow p_w*d\"<&>%25x"));
    }

    @Test
    void theEnvironmentAndTheCommandLineAreSearched() {
        secrets.addEnvironment(Map.of("CI_JOB_TOKEN", "glcbt-job-token", "DATABASE_URL",
                "postgres://app:url-password@db/app", "CI_REPOSITORY_URL",
                "https://gitlab-ci-token:glcbt-clone-token@gitlab.example/acme/shop.git", "HOME", "/root"));
        secrets.addArguments(List.of("migrate", "lint", "--github-token", "ghp_flag_token", "--other-token=tok_equals",
                "postgres//u:p%40ss-word@h/db", "--dir", "migrations"));
        assertEquals("**** **** **** **** **** **** **** /root migrations", secrets.redact(
                "glcbt-job-token url-password glcbt-clone-token ghp_flag_token tok_equals p%40ss-word p@ss-word"
                        + " /root migrations"));
    }
}
