package io.schemagate.gitlab;

/** What to tell a job that has no token able to write merge-request notes. (Placeholder wording; see the issue.) */
public final class TokenAdvice {
    private TokenAdvice() {
    }

    public static String jobToken(MergeRequestContext mr) {
        return "CI_JOB_TOKEN cannot post notes on " + mr.display();
    }

    public static String noToken(MergeRequestContext mr) {
        return "no GitLab token: nothing was posted on " + mr.display();
    }
}
