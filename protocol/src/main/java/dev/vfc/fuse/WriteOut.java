package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_write_out}, 8 bytes. The reply to WRITE: how many bytes were written.
 *
 * <p>Offsets: size 0, padding 4 (pad).
 */
public record WriteOut(int size) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(size);
        Wire.zeros(b, 4);
    }

    public static WriteOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_write_out");
        int size = b.getInt();
        Wire.skip(b, 4);
        return new WriteOut(size);
    }
}
