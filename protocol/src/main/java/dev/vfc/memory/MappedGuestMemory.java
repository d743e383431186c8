package dev.vfc.memory;

import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.Mapping;
import dev.vfc.syscall.SyscallException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Guest RAM as the daemon sees it: the regions the frontend sent with SET_MEM_TABLE or
 * ADD_MEM_REG, each mapped from its fd. Immutable, so queue workers read a consistent table
 * while the vhost-user thread builds the next one ({@link #with}, {@link #without}).
 *
 * <p>Besides guest-physical access it translates frontend-virtual addresses (SET_VRING_ADDR
 * carries those: vhost-user spec, "Vring address description") and yields host addresses for
 * preadv/pwritev.
 */
public final class MappedGuestMemory implements GuestMemory {

    /** A region and where its first byte sits in this process. */
    private record Mapped(GuestRegion region, Mapping mapping, long hostBase) {
    }

    /** An array, not a list: every guest access looks a region up, and a for-each over an array makes no iterator. */
    private final Mapped[] regions;

    private MappedGuestMemory(List<Mapped> regions) {
        this.regions = regions.toArray(new Mapped[0]);
    }

    public static MappedGuestMemory empty() {
        return new MappedGuestMemory(List.of());
    }

    /**
     * Maps {@code region} from {@code fd} (the fd is closed here: the mapping keeps the pages)
     * and returns a table that also holds it. The backend maps {@code mmap_offset + size}
     * bytes from offset 0, as libvhost-user and rust-vmm do, so any offset works.
     *
     * @throws GuestMemoryException if it overlaps a region already present
     */
    public MappedGuestMemory with(GuestRegion region, int fd) throws SyscallException {
        try {
            for (Mapped m : regions) {
                GuestRegion r = m.region();
                if (region.guestPhysAddr() < r.guestPhysAddr() + r.size()
                        && r.guestPhysAddr() < region.guestPhysAddr() + region.size()) {
                    throw new GuestMemoryException("region " + region + " overlaps " + r);
                }
            }
            Mapping mapping = Mapping.map(fd, 0, region.mmapOffset() + region.size());
            List<Mapped> next = new ArrayList<>(Arrays.asList(regions));
            next.add(new Mapped(region, mapping, mapping.address() + region.mmapOffset()));
            return new MappedGuestMemory(next);
        } finally {
            FileDescriptors.closeQuietly(fd);
        }
    }

    /** The table without the region at {@code guestPhysAddr} of {@code size} bytes (REM_MEM_REG). */
    public MappedGuestMemory without(long guestPhysAddr, long size) {
        List<Mapped> next = new ArrayList<>();
        for (Mapped m : regions) {
            if (m.region().guestPhysAddr() == guestPhysAddr && m.region().size() == size) {
                continue;
            }
            next.add(m);
        }
        return new MappedGuestMemory(next);
    }

    /**
     * Unmaps the regions of this table that {@code successor} does not hold (the same mapping,
     * not an equal region): once nothing reads through this table, what only it held can go.
     */
    public void unmapAllBut(MappedGuestMemory successor) {
        for (Mapped m : regions) {
            if (Arrays.stream(successor.regions).noneMatch(kept -> kept.mapping() == m.mapping())) {
                m.mapping().close();
            }
        }
    }

    /** Unmaps every region; the table must not be used afterwards. */
    public void unmapAll() {
        for (Mapped m : regions) {
            m.mapping().close();
        }
    }

    public List<GuestRegion> regions() {
        return Arrays.stream(regions).map(Mapped::region).toList();
    }

    public boolean isEmpty() {
        return regions.length == 0;
    }

    /** The guest-physical address of frontend-virtual {@code uva}, if a region holds it. */
    public Optional<Long> guestAddressOf(long uva, long length) {
        for (Mapped m : regions) {
            if (m.region().containsUser(uva, length)) {
                return Optional.of(m.region().guestPhysAddr() + (uva - m.region().userspaceAddr()));
            }
        }
        return Optional.empty();
    }

    /** The address in this process of guest-physical {@code gpa}, for iovecs. */
    public long hostAddress(long gpa, long length) {
        Mapped m = find(gpa, length);
        return m.hostBase() + (gpa - m.region().guestPhysAddr());
    }

    @Override
    public ByteBuffer slice(long gpa, int length) {
        Mapped m = find(gpa, length);
        return m.mapping().view(m.region().mmapOffset() + (gpa - m.region().guestPhysAddr()), length);
    }

    /** Copies guest bytes {@code [gpa, gpa + length)} into {@code dst} from {@code at}, allocating nothing. */
    @Override
    public void copyOut(long gpa, byte[] dst, int at, int length) {
        Mapped m = find(gpa, length);
        m.mapping().copyOut(m.region().mmapOffset() + (gpa - m.region().guestPhysAddr()), dst, at, length);
    }

    /** Copies {@code length} bytes of {@code src} from {@code at} to guest {@code gpa}, allocating nothing. */
    public void copyIn(long gpa, byte[] src, int at, int length) {
        Mapped m = find(gpa, length);
        m.mapping().copyIn(m.region().mmapOffset() + (gpa - m.region().guestPhysAddr()), src, at, length);
    }

    @Override
    public boolean contains(long gpa, long length) {
        return lookup(gpa, length) != null;
    }

    private Mapped find(long gpa, long length) {
        Mapped m = lookup(gpa, length);
        if (m == null) {
            throw GuestMemoryException.outside(gpa, length, regions());
        }
        return m;
    }

    /** The region holding all of {@code [gpa, gpa+length)}, or null: the walker asks this for every descriptor. */
    private Mapped lookup(long gpa, long length) {
        for (Mapped m : regions) {
            if (m.region().containsGuest(gpa, length)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "mapped " + regions();
    }
}
