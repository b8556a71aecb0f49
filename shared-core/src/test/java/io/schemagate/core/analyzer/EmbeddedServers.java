package io.schemagate.core.analyzer;

import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import org.junit.jupiter.api.Assumptions;

/** Embedded PostgreSQL majors for the rule tests, skipped where their binaries cannot be downloaded. */
final class EmbeddedServers {
    private EmbeddedServers() {
    }

    /** {@code embedded://postgres/MAJOR}, after checking once that it starts here. */
    static String require(int major) throws Exception {
        String url = "embedded://postgres/" + major;
        try (DevDatabase db = DevDatabase.open(DevUrl.parse(url), DevSettings.defaults())) {
            return url;
        } catch (DevDatabaseException e) {
            Assumptions.assumeFalse(e.getMessage().contains("could not be downloaded"),
                    url + ": the binaries cannot be downloaded here, tests skipped: " + e.getMessage());
            throw new IllegalStateException(url + " does not start: " + e.getMessage(), e);
        }
    }
}
