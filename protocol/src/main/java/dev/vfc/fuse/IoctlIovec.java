package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_ioctl_iovec}, 16 bytes. One iovec of an IOCTL retry reply.
 *
 * <p>Offsets: base 0, len 8.
 */
public record IoctlIovec(long base, long len) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(base);
        b.putLong(len);
    }

    public static IoctlIovec decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_ioctl_iovec");
        return new IoctlIovec(b.getLong(), b.getLong());
    }
}
