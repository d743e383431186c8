package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_secctx}, 8 bytes. One security context, followed by its NUL-terminated name and then
 * size bytes of label.
 *
 * <p>Offsets: size 0, padding 4 (pad).
 */
public record Secctx(int size) implements FuseStruct {

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

    public static Secctx decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_secctx");
        int size = b.getInt();
        Wire.skip(b, 4);
        return new Secctx(size);
    }
}
