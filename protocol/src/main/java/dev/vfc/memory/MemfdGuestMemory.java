package dev.vfc.memory;

import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.Mapping;
import dev.vfc.syscall.MemFd;
import dev.vfc.syscall.SyscallException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Guest RAM owned by the fake frontend: one memfd, mapped whole, carved into regions the way
 * QEMU carves {@code memory-backend-memfd} (a guest above about 3 GiB gets two regions of the
 * same fd: below 4 GiB and above it, with different mmap offsets). The fd goes to the daemon
 * with ADD_MEM_REG or SET_MEM_TABLE; the userspace addresses are this process's real mapping
 * addresses, as QEMU's are.
 */
public final class MemfdGuestMemory implements GuestMemory, AutoCloseable {

    /** Where a region sits in the guest; regions are laid out back to back in the file. */
    public record Placement(long guestPhysAddr, long size) {
    }

    private final int fd;
    private final Mapping mapping;
    private final List<GuestRegion> regions;

    private MemfdGuestMemory(int fd, Mapping mapping, List<GuestRegion> regions) {
        this.fd = fd;
        this.mapping = mapping;
        this.regions = List.copyOf(regions);
    }

    /** One region at guest-physical 0. */
    public static MemfdGuestMemory single(long size) throws SyscallException {
        return create(List.of(new Placement(0, size)));
    }

    /**
     * Two regions from one fd, like a large QEMU guest: {@code low} bytes at guest-physical 0
     * and {@code high} bytes at 4 GiB, the second starting at file offset {@code low}.
     */
    public static MemfdGuestMemory splitAt4GiB(long low, long high) throws SyscallException {
        return create(List.of(new Placement(0, low), new Placement(1L << 32, high)));
    }

    public static MemfdGuestMemory create(List<Placement> placements) throws SyscallException {
        long total = placements.stream().mapToLong(Placement::size).sum();
        int fd = MemFd.create("vfc-guest-ram", total);
        Mapping mapping;
        try {
            mapping = Mapping.map(fd, 0, total);
        } catch (SyscallException e) {
            FileDescriptors.closeQuietly(fd);
            throw e;
        }
        List<GuestRegion> regions = new ArrayList<>();
        long offset = 0;
        for (Placement p : placements) {
            regions.add(new GuestRegion(p.guestPhysAddr(), p.size(), mapping.address() + offset, offset));
            offset += p.size();
        }
        return new MemfdGuestMemory(fd, mapping, regions);
    }

    /** The memfd to pass over SCM_RIGHTS; stays owned by this object. */
    public int fd() {
        return fd;
    }

    public List<GuestRegion> regions() {
        return regions;
    }

    /** The frontend-virtual address of {@code gpa}, as SET_VRING_ADDR wants ring addresses. */
    public long userspaceAddress(long gpa) {
        GuestRegion r = regionOf(gpa, 1);
        return r.userspaceAddr() + (gpa - r.guestPhysAddr());
    }

    @Override
    public ByteBuffer slice(long gpa, int length) {
        GuestRegion r = regionOf(gpa, length);
        return mapping.view(r.mmapOffset() + (gpa - r.guestPhysAddr()), length);
    }

    @Override
    public boolean contains(long gpa, long length) {
        return lookup(gpa, length) != null;
    }

    private GuestRegion regionOf(long gpa, long length) {
        GuestRegion r = lookup(gpa, length);
        if (r == null) {
            throw GuestMemoryException.outside(gpa, length, regions);
        }
        return r;
    }

    private GuestRegion lookup(long gpa, long length) {
        for (GuestRegion r : regions) {
            if (r.containsGuest(gpa, length)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public void close() {
        mapping.close();
        FileDescriptors.closeQuietly(fd);
    }

    @Override
    public String toString() {
        return "memfd " + regions;
    }
}
