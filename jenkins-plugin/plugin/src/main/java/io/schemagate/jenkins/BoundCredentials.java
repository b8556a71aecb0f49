package io.schemagate.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.AbortException;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credentials SchemagateCli.credentials asked for, looked up for this build: the environment variables the CLI
 * reads them from, and the secret values the log must never show.
 */
record BoundCredentials(Map<String, String> variables, List<String> secrets) {

    static BoundCredentials resolve(String step, List<Map<String, String>> bindings, Run<?, ?> run)
            throws AbortException {
        Map<String, String> variables = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        for (Map<String, String> binding : bindings) {
            String id = binding.get("credentialsId");
            switch (binding.get("kind")) {
                case "string" -> {
                    String secret = find(step, id, StringCredentials.class, "secret text", run)
                            .getSecret().getPlainText();
                    variables.put(binding.get("variable"), secret);
                    secrets.add(secret);
                }
                case "usernamePassword" -> {
                    StandardUsernamePasswordCredentials login =
                            find(step, id, StandardUsernamePasswordCredentials.class, "username with password", run);
                    String password = login.getPassword().getPlainText();
                    variables.put(binding.get("usernameVariable"), login.getUsername());
                    variables.put(binding.get("passwordVariable"), password);
                    secrets.add(password);
                }
                default -> throw new IllegalStateException("unknown credentials kind " + binding.get("kind"));
            }
        }
        return new BoundCredentials(Collections.unmodifiableMap(variables), Collections.unmodifiableList(secrets));
    }

    /** The credentials this build may use under that id (or the id a credentials parameter names), marked used. */
    private static <C extends IdCredentials> C find(String step, String id, Class<C> type, String kind, Run<?, ?> run)
            throws AbortException {
        C credentials =
                CredentialsProvider.findCredentialById(id, type, run, Collections.<DomainRequirement>emptyList());
        if (credentials == null) {
            throw new AbortException(step + ": no " + kind + " credentials with id '" + id
                    + "' that this build may use");
        }
        return CredentialsProvider.track(run, credentials);
    }
}
