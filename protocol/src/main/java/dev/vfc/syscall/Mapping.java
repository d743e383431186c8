package dev.vfc.syscall;

import java.nio.ByteBuffer;

/**
 * A shared read-write mapping of a file descriptor, as both ends of vhost-user map guest RAM.
 * Views are direct little-endian buffers over the mapped pages; they must not be used after
 * {@link #close()}.
 */
public final class Mapping implements AutoCloseable {

    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_SHARED = 0x01;

    private final long address;
    private final long length;
    /** One buffer over the whole mapping (when it fits a buffer), so views are plain slices, not JNI calls. */
    private final ByteBuffer whole;
    private boolean closed;

    private Mapping(long address, long length) {
        this.address = address;
        this.length = length;
        this.whole = length <= Integer.MAX_VALUE ? Native.directBuffer(address, (int) length) : null;
    }

    /** Maps {@code [offset, offset + length)} of {@code fd} shared and writable. */
    public static Mapping map(int fd, long offset, long length) throws SyscallException {
        jnr.ffi.Pointer mapped = Native.LIBC.mmap(null, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, offset);
        long address = Native.check(mapped == null ? -1 : mapped.address(), "mmap");
        return new Mapping(address, length);
    }

    /** The process-virtual address of the first mapped byte, for preadv/pwritev iovecs. */
    public long address() {
        return address;
    }

    public long length() {
        return length;
    }

    /** A little-endian view of {@code [offset, offset + size)} of the mapping. */
    public ByteBuffer view(long offset, int size) {
        checkRange(offset, size);
        if (whole != null) {
            return whole.slice((int) offset, size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        return Native.directBuffer(address + offset, size);
    }

    /**
     * Copies {@code length} bytes at {@code offset} of the mapping into {@code dst} from {@code at},
     * with no view in between: the daemon copies every request header this way.
     */
    public void copyOut(long offset, byte[] dst, int at, int length) {
        checkRange(offset, length);
        java.util.Objects.checkFromIndexSize(at, length, dst.length);
        Native.copyOut(address + offset, dst, at, length);
    }

    /** Copies {@code length} bytes of {@code src} from {@code at} to {@code offset} of the mapping. */
    public void copyIn(long offset, byte[] src, int at, int length) {
        checkRange(offset, length);
        java.util.Objects.checkFromIndexSize(at, length, src.length);
        Native.copyIn(address + offset, src, at, length);
    }

    private void checkRange(long offset, int size) {
        if (offset < 0 || size < 0 || offset > length - size) {
            throw new IndexOutOfBoundsException(
                    "[" + offset + ", +" + size + ") outside a mapping of " + length + " bytes");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Native.LIBC.munmap(address, length);
        }
    }
}
