package dev.vfc.backend;

import dev.vfc.memory.GuestMemory;
import dev.vfc.memory.MappedGuestMemory;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The current memory table, swapped whole when the frontend sends SET_MEM_TABLE, ADD_MEM_REG
 * or REM_MEM_REG. The backend stops every ring around a swap ({@code VhostUserBackend}), so no
 * worker reads through the old table once {@link #replace} returns it, and the mappings only it
 * held are unmapped at once instead of at exit.
 */
final class LiveMemory implements GuestMemory, Supplier<MappedGuestMemory> {

    private volatile MappedGuestMemory table = MappedGuestMemory.empty();

    @Override
    public MappedGuestMemory get() {
        return table;
    }

    /** Installs {@code next} and unmaps what only the old table held; call with every ring stopped. */
    synchronized void replace(MappedGuestMemory next) {
        MappedGuestMemory old = table;
        table = next;
        old.unmapAllBut(next);
    }

    synchronized void unmapAll() {
        table.unmapAll();
        table = MappedGuestMemory.empty();
    }

    @Override
    public ByteBuffer slice(long gpa, int length) {
        return table.slice(gpa, length);
    }

    @Override
    public void copyOut(long gpa, byte[] dst, int at, int length) {
        table.copyOut(gpa, dst, at, length);
    }

    @Override
    public boolean contains(long gpa, long length) {
        return table.contains(gpa, length);
    }
}
