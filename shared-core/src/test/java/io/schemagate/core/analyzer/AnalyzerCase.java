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
    void harness() throws Exception {
        int major = embeddedMajor();
        harness = new AnalyzerHarness(root).on(major == 0 ? AnalyzerHarness.SERVICE : EmbeddedServers.require(major));
    }

    /**
     * 0 to run on the local service; a subclass that runs every case again on embedded PostgreSQL of another major
     * version says which.
     */
    int embeddedMajor() {
        return 0;
    }
}
