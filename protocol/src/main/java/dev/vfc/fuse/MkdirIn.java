package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_mkdir_in}, 8 bytes. MKDIR body, followed by the name.
 *
 * <p>Offsets: mode 0, umask 4.
 */
public record MkdirIn(int mode, int umask) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(mode);
        b.putInt(umask);
    }

    public static MkdirIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_mkdir_in");
        return new MkdirIn(b.getInt(), b.getInt());
    }
}
