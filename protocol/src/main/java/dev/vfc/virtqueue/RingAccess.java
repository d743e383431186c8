package dev.vfc.virtqueue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Ordered access to the 16-bit ring indices. A byte-buffer view VarHandle gives acquire and
 * release semantics on both heap and direct (mmap-backed) buffers when the field is 2-byte
 * aligned in the underlying memory, which the ring alignment rules guarantee for memory we
 * map ourselves. If the backing memory is oddly placed (a heap test region at an odd base),
 * the VarHandle refuses with IllegalStateException and we fall back to explicit fences around
 * plain accesses, which are correct everywhere.
 */
final class RingAccess {

    private static final VarHandle U16 = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private RingAccess() {
    }

    static int loadAcquire16(ByteBuffer b, int offset) {
        try {
            return Short.toUnsignedInt((short) U16.getAcquire(b, offset));
        } catch (IllegalStateException misaligned) {
            int v = Short.toUnsignedInt(b.getShort(offset));
            VarHandle.acquireFence();
            return v;
        }
    }

    static void storeRelease16(ByteBuffer b, int offset, int value) {
        try {
            U16.setRelease(b, offset, (short) value);
        } catch (IllegalStateException misaligned) {
            VarHandle.releaseFence();
            b.putShort(offset, (short) value);
        }
    }

    static int load16(ByteBuffer b, int offset) {
        return Short.toUnsignedInt(b.getShort(offset));
    }

    static void store16(ByteBuffer b, int offset, int value) {
        b.putShort(offset, (short) value);
    }

    /** A little-endian view of one ring area; absolute accesses only, so it is shareable. */
    static ByteBuffer view(dev.vfc.memory.GuestMemory memory, long gpa, int length) {
        return memory.slice(gpa, length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
