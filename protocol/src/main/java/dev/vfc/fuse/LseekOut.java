package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_lseek_out}, 8 bytes. The reply to LSEEK.
 *
 * <p>Offsets: offset 0.
 */
public record LseekOut(long offset) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(offset);
    }

    public static LseekOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_lseek_out");
        return new LseekOut(b.getLong());
    }
}
