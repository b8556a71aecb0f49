package io.schemagate.core.analyzer;

import io.schemagate.core.devdb.DevDatabase;
import io.schemagate.core.devdb.DevDatabaseException;
import io.schemagate.core.devdb.DevSettings;
import io.schemagate.core.devdb.DevUrl;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/** Embedded PostgreSQL majors for the rule tests, skipped where their binaries cannot be downloaded. */
final class EmbeddedServers {
    private EmbeddedServers() {
    }

    private static final Set<Integer> STARTED = ConcurrentHashMap.newKeySet();

    /** {@code embedded://postgres/MAJOR}, after checking once per test run that it starts here. */
    static String require(int major) throws Exception {
        String url = "embedded://postgres/" + major;
        if (STARTED.contains(major)) {
            return url;
        }
        try (DevDatabase db = DevDatabase.open(DevUrl.parse(url), DevSettings.defaults())) {
            STARTED.add(major);
            return url;
        } catch (DevDatabaseException e) {
            Assumptions.assumeFalse(e.getMessage().contains("could not be downloaded"),
                    url + ": the binaries cannot be downloaded here, tests skipped: " + e.getMessage());
            throw new IllegalStateException(url + " does not start: " + e.getMessage(), e);
        }
    }
}
