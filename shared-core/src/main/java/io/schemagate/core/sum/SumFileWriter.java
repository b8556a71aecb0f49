package io.schemagate.core.sum;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** Writes {@code atlas.sum} so that readers see either the old file or the complete new one, never a torn write. */
public final class SumFileWriter {

    private SumFileWriter() {
    }

    /**
     * Writes {@code dir/atlas.sum} unless it already holds exactly these bytes.
     *
     * @return whether the file changed
     */
    public static boolean write(Path dir, SumFile sum) throws IOException {
        Path target = dir.resolve(SumFile.FILE_NAME);
        byte[] bytes = sum.render();
        // Leave an identical file alone so its mtime (and build tools watching it) stay untouched.
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return false;
        }
        // Same directory, so the rename stays on one file system and can be atomic.
        Path temp = dir.resolve("." + SumFile.FILE_NAME + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                // On disk before the rename makes it visible, so a crash cannot expose an empty file.
                out.force(true);
            }
            keepPermissions(target, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return true;
    }

    /** A rewrite should not change who may read the file. */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (Files.exists(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        }
    }
}
