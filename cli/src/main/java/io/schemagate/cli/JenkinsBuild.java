package io.schemagate.cli;

import java.util.Map;

/** Whether this run is a Jenkins build (and not a GitHub or GitLab job that happens to set JENKINS_URL). */
final class JenkinsBuild {
    private JenkinsBuild() {
    }

    static boolean detected(Map<String, String> env) {
        return present(env, "JENKINS_URL") && !present(env, "GITHUB_ACTIONS") && !present(env, "GITLAB_CI");
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }
}
