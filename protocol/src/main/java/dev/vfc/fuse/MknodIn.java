package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_mknod_in}, 16 bytes. MKNOD body, followed by the name.
 *
 * <p>Offsets: mode 0, rdev 4, umask 8, padding 12 (pad).
 */
public record MknodIn(int mode, int rdev, int umask) implements FuseStruct {

    public static final int SIZE = 16;
    /** FUSE_COMPAT_MKNOD_IN_SIZE: mode and rdev only (minor &lt; 12). */
    public static final int COMPAT_SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(mode);
        b.putInt(rdev);
        b.putInt(umask);
        Wire.zeros(b, 4);
    }

    public static MknodIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_mknod_in");
        int mode = b.getInt();
        int rdev = b.getInt();
        int umask = b.getInt();
        Wire.skip(b, 4);
        return new MknodIn(mode, rdev, umask);
    }
}
