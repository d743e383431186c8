package dev.vfc.backend;

import dev.vfc.memory.GuestRegion;
import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.SyscallException;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserProtocolException;

/**
 * The table each memory message asks for, built from the current one and the message's fds
 * (QEMU 7.2 docs/interop/vhost-user.rst: SET_MEM_TABLE replaces the table, ADD_MEM_REG adds one
 * region, REM_MEM_REG removes one). Building maps the new regions but installs nothing; a
 * message that cannot be honoured throws {@link VhostUserProtocolException} and leaves no
 * mapping behind.
 */
final class MemoryTables {

    /** The slots GET_MAX_MEM_SLOTS announces. */
    static final int MAX_MEM_SLOTS = 32;

    private MemoryTables() {
    }

    /** SET_MEM_TABLE: one fd per region, in order. */
    static MappedGuestMemory of(VhostUserPayload.MemoryTable table, MessageFds fds) throws SyscallException {
        if (fds.count() != table.regions().size()) {
            throw new VhostUserProtocolException("SET_MEM_TABLE with " + table.regions().size() + " regions but "
                    + fds.count() + " fds");
        }
        MappedGuestMemory next = MappedGuestMemory.empty();
        try {
            for (int i = 0; i < fds.count(); i++) {
                next = next.with(table.regions().get(i).toGuestRegion(), fds.take(i));
            }
            return next;
        } catch (RuntimeException | SyscallException e) {
            next.unmapAll();
            throw e;
        }
    }

    /** ADD_MEM_REG: one fd, a region that overlaps none of the table's, within the announced slots. */
    static MappedGuestMemory adding(MappedGuestMemory current, VhostUserPayload.SingleMemoryRegion region,
            MessageFds fds) throws SyscallException {
        if (fds.count() != 1) {
            throw new VhostUserProtocolException("ADD_MEM_REG with " + fds.count() + " fds, not 1");
        }
        if (current.regions().size() >= MAX_MEM_SLOTS) {
            throw new VhostUserProtocolException("ADD_MEM_REG beyond the " + MAX_MEM_SLOTS + " slots announced");
        }
        return current.with(region.region().toGuestRegion(), fds.take(0));
    }

    /** REM_MEM_REG: the table without the region of that guest address and size (nothing else to remove is fine). */
    static MappedGuestMemory removing(MappedGuestMemory current, VhostUserPayload.SingleMemoryRegion region) {
        GuestRegion r = region.region().toGuestRegion();
        return current.without(r.guestPhysAddr(), r.size());
    }
}
