package io.schemagate.core.report;

import io.schemagate.core.diagnostic.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stable identities for findings, so code-review tools can tell a finding that persists from a new one.
 *
 * <p>A fingerprint is the SHA-256 (hex) of the code, the file, the message and the finding's ordinal among the
 * findings with that same code, file and message. The line number is deliberately left out: inserting an
 * unrelated statement above a finding moves it but must not make it look new. The report does not carry the
 * statement's text, and the message already names the objects involved, so the ordinal is what tells two
 * otherwise identical findings in one file apart. Severity is left out too: a policy change re-grades a finding,
 * it does not make it a different one.
 */
final class Fingerprints {
    private Fingerprints() {
    }

    /** One fingerprint per finding of {@code report.diagnostics()}, in that order. */
    static List<String> of(LintReport report) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Diagnostic d : report.diagnostics()) {
            // NUL separates the fields so that no two different (code, file, message) triples hash the same text.
            String identity = d.code() + '\0' + d.file() + '\0' + d.message();
            int ordinal = seen.merge(identity, 1, Integer::sum);
            out.add(sha256(identity + '\0' + ordinal));
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
