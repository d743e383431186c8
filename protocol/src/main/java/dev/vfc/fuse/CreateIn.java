package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_create_in}, 16 bytes. CREATE body, followed by the name.
 *
 * <p>Offsets: flags 0, mode 4, umask 8, open_flags 12.
 */
public record CreateIn(int flags, int mode, int umask, int openFlags) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(flags);
        b.putInt(mode);
        b.putInt(umask);
        b.putInt(openFlags);
    }

    public static CreateIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_create_in");
        return new CreateIn(b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }
}
