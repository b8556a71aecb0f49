package io.schemagate.core.devdb;

import java.security.SecureRandom;

/** Names of scratch databases: {@code sg_dev_} plus 10 random characters, so parallel CI jobs never collide. */
public final class ScratchName {

    public static final String PREFIX = "sg_dev_";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScratchName() {
    }

    public static String next() {
        StringBuilder name = new StringBuilder(PREFIX);
        for (int i = 0; i < 10; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }
}
