package dev.vfc.backend;

import dev.vfc.memory.GuestMemory;
import dev.vfc.memory.MappedGuestMemory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The current memory table, swapped whole when the frontend sends SET_MEM_TABLE, ADD_MEM_REG
 * or REM_MEM_REG while rings may be running. Tables that were replaced are unmapped only when
 * the backend shuts down: a worker may still be reading through one, and unmapping under it
 * would crash the process instead of failing a request.
 */
final class LiveMemory implements GuestMemory, Supplier<MappedGuestMemory> {

    private volatile MappedGuestMemory table = MappedGuestMemory.empty();
    private final List<MappedGuestMemory> retired = new ArrayList<>();

    @Override
    public MappedGuestMemory get() {
        return table;
    }

    /** Installs {@code next}; the old table (whose mappings {@code next} may share) waits for shutdown. */
    synchronized void replace(MappedGuestMemory next) {
        retired.add(table);
        table = next;
    }

    synchronized void unmapAll() {
        retired.forEach(MappedGuestMemory::unmapAll);
        retired.clear();
        table.unmapAll();
        table = MappedGuestMemory.empty();
    }

    @Override
    public ByteBuffer slice(long gpa, int length) {
        return table.slice(gpa, length);
    }

    @Override
    public boolean contains(long gpa, long length) {
        return table.contains(gpa, length);
    }
}
