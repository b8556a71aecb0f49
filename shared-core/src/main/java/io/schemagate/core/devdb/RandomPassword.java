package io.schemagate.core.devdb;

import java.security.SecureRandom;

/** Passwords schemagate makes for itself (run roles, embedded servers, containers): letters and digits only. */
public final class RandomPassword {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private RandomPassword() {
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
