package io.schemagate.core.migrate;

import java.nio.file.FileSystemException;

/**
 * An entry of a migration directory that schemagate refuses to read: a symbolic link out of the directory, a
 * named pipe, a device, or a directory named like a migration file. Its message is {@code path: why}.
 */
public final class UnsafeEntryException extends FileSystemException {
    public UnsafeEntryException(String shownPath, String why) {
        super(shownPath, null, why);
    }
}
