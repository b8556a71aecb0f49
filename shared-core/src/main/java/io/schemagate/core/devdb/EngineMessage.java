package io.schemagate.core.devdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one line worth showing from a Testcontainers or docker-java failure: the innermost cause's message (the
 * outer ones say "Container startup failed for image …"), with the engine's JSON error body reduced to its message.
 */
final class EngineMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineMessage() {
    }

    static String of(Throwable failure) {
        String message = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        return OneLine.of(fromJson(message));
    }

    /** Whether {@code type} is anywhere in the cause chain. */
    static boolean find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** docker-java's {@code Status 500: {"message":"…"}} and the like: the message alone. */
    private static String fromJson(String message) {
        int brace = message.indexOf('{');
        if (brace < 0) {
            return message;
        }
        try {
            JsonNode body = JSON.readTree(message.substring(brace));
            String inner = body.path("message").asText("");
            return inner.isBlank() ? message : inner;
        } catch (IOException notJson) {
            return message;
        }
    }
}
