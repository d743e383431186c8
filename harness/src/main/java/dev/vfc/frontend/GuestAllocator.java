package dev.vfc.frontend;

import dev.vfc.memory.GuestMemoryException;
import dev.vfc.memory.GuestRegion;
import java.util.List;

/**
 * Hands out guest-physical buffers for one request at a time, the way a synchronous guest
 * driver reuses its bounce area: everything is released at once by {@link #reset()} after the
 * reply has been read. Allocation walks the regions in order, so with two regions the larger
 * requests land above 4 GiB and exercise the daemon's address translation.
 */
final class GuestAllocator {

    private final List<GuestRegion> regions;
    private final long reservedLow;
    private int region;
    private long next;

    /** @param reservedLow bytes at the start of the first region kept for the rings */
    GuestAllocator(List<GuestRegion> regions, long reservedLow) {
        this.regions = regions;
        this.reservedLow = reservedLow;
        reset();
    }

    /** A guest-physical address of {@code length} bytes aligned to {@code alignment}. */
    long allocate(long length, int alignment) {
        while (region < regions.size()) {
            GuestRegion r = regions.get(region);
            long start = align(next, alignment);
            if (start + length <= r.guestPhysAddr() + r.size()) {
                next = start + length;
                return start;
            }
            region++;
            if (region < regions.size()) {
                next = regions.get(region).guestPhysAddr();
            }
        }
        throw new GuestMemoryException("guest memory exhausted allocating " + length
                + " bytes; give the frontend more memory (regions " + regions + ")");
    }

    void reset() {
        region = 0;
        next = regions.get(0).guestPhysAddr() + reservedLow;
    }

    private static long align(long value, int alignment) {
        return (value + alignment - 1) & -(long) alignment;
    }
}
