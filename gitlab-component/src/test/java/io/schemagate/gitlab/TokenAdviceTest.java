package io.schemagate.gitlab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenAdviceTest {
    private static final MergeRequestContext MR = new MergeRequestContext("https://gitlab.example.com", "42", 7);

    @Test
    void theJobTokenLineSaysWhatCannotBeDoneWhichTokenWouldDoAndWhatStillWorks() {
        String line = TokenAdvice.jobToken(MR);
        for (String part : List.of("CI_JOB_TOKEN cannot post notes on merge request !7", "api scope", "Reporter role",
                "Developer to resolve threads", "masked CI/CD variable GITLAB_TOKEN", "Reports and the gate work")) {
            assertTrue(line.contains(part), part + " in: " + line);
        }
        assertTrue(line.lines().count() == 1, line);
    }

    @Test
    void theNoTokenLineSaysNothingWasPosted() {
        String line = TokenAdvice.noToken(MR);
        assertTrue(line.startsWith("no GitLab token: nothing was posted on merge request !7; give the job a project"),
                line);
    }
}
