package io.schemagate.jenkins

/**
 * Runs a block inside withCredentials for the bindings SchemagateCli.credentials asked for, so the secrets reach the
 * CLI as environment variables that Jenkins masks in the log, never as command-line arguments.
 */
class CredentialBindings implements Serializable {
    /** @param steps the calling step script (its withCredentials, string and usernamePassword steps) */
    static def around(def steps, List<Map<String, String>> bindings, Closure body) {
        if (bindings.isEmpty()) {
            return body()
        }
        List credentials = []
        // An index, not an iterator: a CPS program must stay serializable between steps.
        for (int i = 0; i < bindings.size(); i++) {
            Map<String, String> b = bindings[i]
            credentials.add(b.kind == 'string'
                    ? steps.string(credentialsId: b.credentialsId, variable: b.variable)
                    : steps.usernamePassword(credentialsId: b.credentialsId, usernameVariable: b.usernameVariable,
                            passwordVariable: b.passwordVariable))
        }
        return steps.withCredentials(credentials, body)
    }
}
