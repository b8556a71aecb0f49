package io.schemagate.core.analyzer;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of rules on the local PostgreSQL: each test gets a harness (the base schema, then one new file) of its own. */
abstract class AnalyzerCase {
    @TempDir
    Path root;
    AnalyzerHarness harness;

    @BeforeAll
    static void serviceIsUp() {
        AnalyzerHarness.requireService();
    }

    @BeforeEach
    void harness() {
        harness = new AnalyzerHarness(root).on(devUrl());
    }

    /** The dev database the rules run on: the local service, or (in subclasses) another server version. */
    String devUrl() {
        return AnalyzerHarness.SERVICE;
    }
}
