package io.schemagate.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * java.util.logging's configuration for the CLI, read when a library first logs (the LogManager instantiates this
 * class, named by {@code java.util.logging.config.class}). The API clients log through java.util.logging onto
 * stderr (hub4j its retries, GitLab4J and Jersey their requests and warnings); schemagate reports failures itself,
 * one line each, so their loggers are off. Everything else is the JDK's default configuration. Levels set in the
 * configuration also hold for loggers made later, and the LogManager keeps a configured parent logger alive.
 */
public final class ClientLogging {
    private static final String CONFIG_CLASS = "java.util.logging.config.class";
    private static final String CONFIGURATION = """
            handlers = java.util.logging.ConsoleHandler
            .level = INFO
            java.util.logging.ConsoleHandler.level = INFO
            java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter
            org.kohsuke.github.level = OFF
            org.gitlab4j.level = OFF
            org.glassfish.jersey.level = OFF
            org.apache.http.level = OFF
            """;

    /** Called by the LogManager, once, when java.util.logging is first used. */
    public ClientLogging() throws IOException {
        LogManager.getLogManager().readConfiguration(
                new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * Names this class as the logging configuration, unless the JVM was given one of its own
     * ({@code -Djava.util.logging.config.class} or {@code .file}, e.g. through SCHEMAGATE_JAVA_OPTS to see what the
     * clients log).
     */
    static void installOnFirstUse() {
        if (System.getProperty(CONFIG_CLASS) == null && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty(CONFIG_CLASS, ClientLogging.class.getName());
        }
    }
}
