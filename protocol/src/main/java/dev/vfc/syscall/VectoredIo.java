package dev.vfc.syscall;

import java.nio.ByteBuffer;

/**
 * preadv/pwritev between a file and process memory given as (address, length) pairs: how
 * the daemon moves READ and WRITE data straight between files and mapped guest buffers,
 * with no copy on the Java heap. Callers pass at most {@link #IOV_MAX} pairs per call.
 */
public final class VectoredIo {

    /** Linux's UIO_MAXIOV. */
    public static final int IOV_MAX = 1024;
    private static final int IOVEC_SIZE = 16;

    private static final ThreadLocal<ByteBuffer> IOVECS =
            ThreadLocal.withInitial(() -> Native.allocate(IOV_MAX * IOVEC_SIZE));

    private VectoredIo() {
    }

    /** One preadv(2); returns the bytes read (0 at end of file). Retries on EINTR. */
    public static long preadv(int fd, long[] addresses, long[] lengths, int count, long offset)
            throws SyscallException {
        ByteBuffer iov = fill(addresses, lengths, count);
        while (true) {
            long n = Native.LIBC.preadv(fd, Native.address(iov), count, offset);
            if (n == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            return Native.check(n, "preadv");
        }
    }

    /** One pwritev(2); returns the bytes written. Retries on EINTR. */
    public static long pwritev(int fd, long[] addresses, long[] lengths, int count, long offset)
            throws SyscallException {
        ByteBuffer iov = fill(addresses, lengths, count);
        while (true) {
            long n = Native.LIBC.pwritev(fd, Native.address(iov), count, offset);
            if (n == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            return Native.check(n, "pwritev");
        }
    }

    private static ByteBuffer fill(long[] addresses, long[] lengths, int count) {
        if (count < 0 || count > IOV_MAX || count > addresses.length || count > lengths.length) {
            throw new IllegalArgumentException("bad iovec count " + count);
        }
        ByteBuffer iov = IOVECS.get();
        for (int i = 0; i < count; i++) {
            iov.putLong(i * IOVEC_SIZE, addresses[i]).putLong(i * IOVEC_SIZE + 8, lengths[i]);
        }
        return iov;
    }
}
