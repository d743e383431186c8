package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_forget_one}, 16 bytes. One entry of a BATCH_FORGET body, following {@link
 * BatchForgetIn}.
 *
 * <p>Offsets: nodeid 0, nlookup 8.
 */
public record ForgetOne(long nodeid, long nlookup) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(nodeid);
        b.putLong(nlookup);
    }

    public static ForgetOne decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_forget_one");
        return new ForgetOne(b.getLong(), b.getLong());
    }
}
