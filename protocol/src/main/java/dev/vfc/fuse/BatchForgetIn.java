package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_batch_forget_in}, 8 bytes. BATCH_FORGET body head, followed by {@code count} {@link
 * ForgetOne}s; no reply.
 *
 * <p>Offsets: count 0, dummy 4 (pad).
 */
public record BatchForgetIn(int count) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(count);
        Wire.zeros(b, 4);
    }

    public static BatchForgetIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_batch_forget_in");
        int count = b.getInt();
        Wire.skip(b, 4);
        return new BatchForgetIn(count);
    }
}
