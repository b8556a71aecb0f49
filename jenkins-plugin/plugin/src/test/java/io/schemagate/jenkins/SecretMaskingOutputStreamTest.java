package io.schemagate.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskingOutputStreamTest {
    private static String through(List<String> secrets, String text) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SecretMaskingOutputStream out = new SecretMaskingOutputStream(log, secrets);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.finish();
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void masksEverySecretOnEveryLineIncludingAnUnfinishedLastOne() throws Exception {
        assertThat(through(List.of("tok3n", "pa55word"), "token tok3n\nurl postgres://u:pa55word@h\nagain tok3n"),
                is("token ****\nurl postgres://u:****@h\nagain ****"));
    }

    @Test
    void masksTheLongerOfTwoOverlappingSecretsWhole() throws Exception {
        assertThat(through(List.of("abcd", "abcdef"), "x abcdef y\n"), is("x **** y\n"));
    }

    @Test
    void leavesOutputAloneWithoutSecrets() throws Exception {
        assertThat(through(List.of(), "plain\n"), is("plain\n"));
        assertThat(through(List.of(""), "plain\n"), is("plain\n"));
    }
}
