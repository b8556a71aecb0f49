package io.schemagate.core.diff;

/** A plan could not be made: the desired schema or the directory does not run, or the dialect has no planner. */
public class PlanException extends Exception {
    public PlanException(String message) {
        super(message);
    }

    public PlanException(String message, Throwable cause) {
        super(message, cause);
    }
}
