package io.schemagate.core.diagnostic;

import java.util.Locale;

/** How much a finding matters: {@code ERROR} fails the gate, {@code OFF} hides it. */
public enum Severity {
    ERROR, WARNING, INFO, OFF;

    /** The lower-case name used in config files, JSON and text output. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
