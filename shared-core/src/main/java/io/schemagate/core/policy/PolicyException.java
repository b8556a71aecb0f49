package io.schemagate.core.policy;

import io.schemagate.core.text.Position;
import io.schemagate.core.text.SourceException;

/** A {@code schemagate.yaml} that cannot be used, located at the offending key or value. */
public final class PolicyException extends SourceException {
    public PolicyException(String file, Position position, String problem) {
        super(file, position, problem);
    }
}
