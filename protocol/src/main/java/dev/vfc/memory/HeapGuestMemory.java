package dev.vfc.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One region of guest memory on the Java heap: for unit tests of ring and codec code, where
 * no other process needs to see the bytes. The frontend and the daemon use {@link MemfdGuestMemory}.
 */
public final class HeapGuestMemory implements GuestMemory {

    private final long base;
    private final ByteBuffer bytes;

    public HeapGuestMemory(long base, int size) {
        this.base = base;
        this.bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public ByteBuffer slice(long gpa, int length) {
        if (!contains(gpa, length)) {
            throw GuestMemoryException.outside(gpa, length, this);
        }
        return bytes.slice((int) (gpa - base), length).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean contains(long gpa, long length) {
        return length >= 0 && gpa >= base && gpa - base <= bytes.capacity() - length;
    }

    @Override
    public String toString() {
        return String.format("heap[0x%x, +%d)", base, bytes.capacity());
    }
}
