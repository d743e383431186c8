package dev.vfc.memory;

import java.nio.ByteBuffer;

/**
 * The guest-physical address space as a virtio device sees it.
 *
 * <p>Every address that arrives from the other side of a virtqueue (descriptor addresses,
 * ring addresses) is guest-controlled, so every access is bounds-checked: a range that does
 * not lie wholly inside one region is refused with {@link GuestMemoryException} before any
 * byte is touched. Ranges never straddle two regions, as in QEMU's and rust-vmm's models;
 * a driver that needs more must split its buffer into several descriptors.
 */
public interface GuestMemory {

    /**
     * A little-endian view of {@code [gpa, gpa + length)}, sharing the guest's bytes.
     *
     * @throws GuestMemoryException if the range is not inside one region
     */
    ByteBuffer slice(long gpa, int length);

    /**
     * Copies {@code [gpa, gpa + length)} into {@code dst} from {@code at}, bounds-checked as
     * {@link #slice}. The default goes through a view; memories that can copy without making one
     * override it, so a worker that copies every request allocates nothing for it.
     */
    default void copyOut(long gpa, byte[] dst, int at, int length) {
        slice(gpa, length).get(dst, at, length);
    }

    /** Whether {@code [gpa, gpa + length)} lies inside one region; never throws. */
    boolean contains(long gpa, long length);
}
