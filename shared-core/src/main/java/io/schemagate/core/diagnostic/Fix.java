package io.schemagate.core.diagnostic;

/**
 * A suggested fix (rules.md §1): what to do, and where a safe rewrite exists, the text that replaces lines
 * {@code edit.line()..edit.endLine()} of the file.
 *
 * @param message what the fix does, one sentence
 * @param edit    the replacement, or {@code null} when the fix needs more than an edit (e.g. a new file)
 */
public record Fix(String message, TextEdit edit) {

    /**
     * @param line    first line replaced, 1-based
     * @param endLine last line replaced, inclusive; {@code endLine <= line} means one line
     * @param newText the replacement, ending with a newline when it replaces whole lines
     */
    public record TextEdit(int line, int endLine, String newText) {
    }
}
