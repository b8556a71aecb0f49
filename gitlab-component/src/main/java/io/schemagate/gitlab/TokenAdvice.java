package io.schemagate.gitlab;

/**
 * What to tell a merge-request pipeline that has no token able to write notes. The job's own {@code CI_JOB_TOKEN}
 * may read a merge request but never write notes or threads; reports and the gate do not need a token at all.
 */
public final class TokenAdvice {
    /** The token a merge-request note needs, and where the job looks for it. */
    public static final String NEEDED = "a project or group access token (or a personal one) with the api scope and"
            + " at least the Reporter role (Developer to resolve threads), stored as the masked CI/CD variable"
            + " GITLAB_TOKEN (or passed with --gitlab-token)";

    private TokenAdvice() {
    }

    /** Only {@code CI_JOB_TOKEN} is at hand, or the token given is the job token. */
    public static String jobToken(MergeRequestContext mr) {
        return "CI_JOB_TOKEN cannot post notes on " + mr.display() + "; give the job " + NEEDED
                + ". Reports and the gate work without it";
    }

    /** No token at all. */
    public static String noToken(MergeRequestContext mr) {
        return "no GitLab token: nothing was posted on " + mr.display() + "; give the job " + NEEDED
                + ". Reports and the gate work without it";
    }

    /** No token in a Jenkins build of the merge request: the token comes from the Jenkins credentials store. */
    public static String noTokenInJenkins(MergeRequestContext mr) {
        return "no GitLab token: nothing was posted on " + mr.display() + "; bind GITLAB_TOKEN with withCredentials (or"
                + " gitlabCredentialsId of schemagateLint) to a Secret text credential holding a project, group or"
                + " personal access token with the api scope and at least the Reporter role. Reports and the gate"
                + " work without it";
    }
}
