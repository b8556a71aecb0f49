package io.schemagate.core.migrate;

import io.schemagate.core.sum.SumFile;
import io.schemagate.core.sum.SumFileWriter;
import java.io.IOException;

/** {@code migrate hash}: writes the {@code atlas.sum} the format's tool list calls for. */
public final class DirectoryHasher {
    private DirectoryHasher() {
    }

    /**
     * @param sum     what was written
     * @param changed false when the file already had these bytes
     * @param files   number of hashed files
     */
    public record Result(SumFile sum, boolean changed, int files) {
    }

    public static Result hash(MigrationDir dir, DirFormat format) throws IOException {
        Listing listing = format.list(dir);
        SumFile sum = SumFile.compute(listing.hashed());
        boolean changed = SumFileWriter.write(dir.path(), sum);
        return new Result(sum, changed, listing.hashed().size());
    }
}
