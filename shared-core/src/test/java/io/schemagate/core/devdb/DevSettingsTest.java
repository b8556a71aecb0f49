package io.schemagate.core.devdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DevSettingsTest {

    @Test
    void defaults() {
        assertEquals(new DevSettings(Duration.ofMinutes(5), Duration.ofSeconds(10)), DevSettings.defaults());
    }

    @Test
    void timeoutsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new DevSettings(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new DevSettings(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new DevSettings(Duration.ofDays(30), Duration.ofSeconds(1)));
    }
}
