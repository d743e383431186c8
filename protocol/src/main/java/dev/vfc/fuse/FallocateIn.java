package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_fallocate_in}, 32 bytes. FALLOCATE body; mode is the fallocate(2) mode.
 *
 * <p>Offsets: fh 0, offset 8, length 16, mode 24, padding 28 (pad).
 */
public record FallocateIn(long fh, long offset, long length, int mode) implements FuseStruct {

    public static final int SIZE = 32;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putLong(offset);
        b.putLong(length);
        b.putInt(mode);
        Wire.zeros(b, 4);
    }

    public static FallocateIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_fallocate_in");
        long fh = b.getLong();
        long offset = b.getLong();
        long length = b.getLong();
        int mode = b.getInt();
        Wire.skip(b, 4);
        return new FallocateIn(fh, offset, length, mode);
    }
}
