package io.schemagate.cli;

/** The documented exit codes of every command. */
public final class ExitCode {
    /** Everything passed. */
    public static final int PASSED = 0;
    /** The gate failed: findings at or above the threshold. */
    public static final int GATE_FAILED = 1;
    /** Bad input or usage: a broken file, a bad flag, a tampered directory. */
    public static final int BAD_INPUT = 2;
    /** The environment failed: database, registry or network. */
    public static final int ENVIRONMENT = 3;

    private ExitCode() {
    }
}
