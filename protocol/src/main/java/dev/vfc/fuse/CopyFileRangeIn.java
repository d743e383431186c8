package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_copy_file_range_in}, 56 bytes. COPY_FILE_RANGE body; the reply is a {@link WriteOut}.
 *
 * <p>Offsets: fh_in 0, off_in 8, nodeid_out 16, fh_out 24, off_out 32, len 40, flags 48.
 */
public record CopyFileRangeIn(
        long fhIn,
        long offIn,
        long nodeidOut,
        long fhOut,
        long offOut,
        long len,
        long flags) implements FuseStruct {

    public static final int SIZE = 56;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fhIn);
        b.putLong(offIn);
        b.putLong(nodeidOut);
        b.putLong(fhOut);
        b.putLong(offOut);
        b.putLong(len);
        b.putLong(flags);
    }

    public static CopyFileRangeIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_copy_file_range_in");
        long fhIn = b.getLong();
        long offIn = b.getLong();
        long nodeidOut = b.getLong();
        long fhOut = b.getLong();
        long offOut = b.getLong();
        long len = b.getLong();
        long flags = b.getLong();
        return new CopyFileRangeIn(fhIn, offIn, nodeidOut, fhOut, offOut, len, flags);
    }
}
