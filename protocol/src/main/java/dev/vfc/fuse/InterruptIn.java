package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_interrupt_in}, 8 bytes. INTERRUPT body: the unique id of the request to interrupt.
 *
 * <p>Offsets: unique 0.
 */
public record InterruptIn(long unique) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(unique);
    }

    public static InterruptIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_interrupt_in");
        return new InterruptIn(b.getLong());
    }
}
