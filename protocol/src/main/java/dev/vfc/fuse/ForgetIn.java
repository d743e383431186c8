package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_forget_in}, 8 bytes. FORGET body: drop nlookup references to the header's nodeid; no
 * reply.
 *
 * <p>Offsets: nlookup 0.
 */
public record ForgetIn(long nlookup) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(nlookup);
    }

    public static ForgetIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_forget_in");
        return new ForgetIn(b.getLong());
    }
}
