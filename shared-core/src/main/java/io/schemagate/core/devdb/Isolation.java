package io.schemagate.core.devdb;

/** Who migrations replay as on a dev database, from the most to the least isolated. */
enum Isolation {
    /** A fresh role that may only use its scratch database: the default. */
    RUN_ROLE,
    /** The URL's login, because it may not create roles; it can do to the server whatever that login can. */
    NO_CREATEROLE,
    /** The URL's login (or the embedded server's superuser), because {@code --dev-privileged} asked for it. */
    PRIVILEGED;

    /** Appended to the dev database's description, so a report says when replay was not isolated. */
    String note(String login) {
        return switch (this) {
            case RUN_ROLE -> "";
            case NO_CREATEROLE -> " (not isolated: " + login + " may not create roles, so migrations replay as " + login + ")";
            case PRIVILEGED -> " (privileged: migrations replay as " + login + ")";
        };
    }
}
