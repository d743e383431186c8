package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_open_in}, 8 bytes. OPEN and OPENDIR body: open(2) flags plus {@link OpenFlags}.
 *
 * <p>Offsets: flags 0, open_flags 4.
 */
public record OpenIn(int flags, int openFlags) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(flags);
        b.putInt(openFlags);
    }

    public static OpenIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_open_in");
        return new OpenIn(b.getInt(), b.getInt());
    }
}
