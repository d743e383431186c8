package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_fsync_in}, 16 bytes. FSYNC and FSYNCDIR body; fsync_flags are {@link FsyncFlags}.
 *
 * <p>Offsets: fh 0, fsync_flags 8, padding 12 (pad).
 */
public record FsyncIn(long fh, int fsyncFlags) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putInt(fsyncFlags);
        Wire.zeros(b, 4);
    }

    public static FsyncIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_fsync_in");
        long fh = b.getLong();
        int fsyncFlags = b.getInt();
        Wire.skip(b, 4);
        return new FsyncIn(fh, fsyncFlags);
    }
}
