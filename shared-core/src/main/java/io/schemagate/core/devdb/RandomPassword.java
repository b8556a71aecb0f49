package io.schemagate.core.devdb;

import java.security.SecureRandom;

import org.postgresql.util.PasswordUtil;

/** Passwords schemagate makes for itself (run roles, embedded servers, containers): letters and digits only. */
public final class RandomPassword {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SCRAM_ITERATIONS = 16;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private RandomPassword() {
    }

    /**
     * PostgreSQL's SCRAM-SHA-256 verifier of {@code password}, one of ours: with few iterations, since the 4096 a
     * server uses by default slow down the guessing of chosen passwords, which a random one of 32 characters (190 bits)
     * does not need, and cost every login (on both sides) tens of milliseconds of the client's short-lived JVM. Never
     * for a password a person chose.
     */
    static String scramVerifier(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PasswordUtil.encodeScramSha256(password.toCharArray(), SCRAM_ITERATIONS, salt);
    }

    /** {@code length} characters, safe inside SQL quotes and URLs without escaping. */
    public static String of(int length) {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
