package dev.vfc.syscall;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A kick or call notifier: the 8-byte counter QEMU hands the daemon with SET_VRING_KICK and
 * SET_VRING_CALL. Non-blocking, so draining never stalls a thread.
 */
public final class EventFd implements AutoCloseable {

    private static final int EFD_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;

    private final int fd;
    private final ByteBuffer counter = Native.allocate(Long.BYTES);
    private boolean closed;

    private EventFd(int fd) {
        this.fd = fd;
    }

    public static EventFd create() throws SyscallException {
        return new EventFd(Native.checkInt(Native.LIBC.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), "eventfd"));
    }

    /** Adopts a descriptor received from the other side (which may be a blocking eventfd). */
    public static EventFd adopt(int fd) {
        return new EventFd(fd);
    }

    public int fd() {
        return fd;
    }

    /**
     * Adds one to the counter, waking whoever polls it. A no-op once closed, so a notifier
     * replaced under a running worker never writes to a recycled descriptor number.
     */
    public synchronized void signal() throws SyscallException {
        if (closed) {
            return;
        }
        counter.putLong(0, 1);
        Native.check(Native.LIBC.write(fd, Native.address(counter), Long.BYTES), "write(eventfd)");
    }

    /**
     * Waits until the counter is non-zero or {@code timeout} passes, and resets it.
     *
     * @return whether a signal arrived
     */
    public boolean await(Duration timeout) throws SyscallException {
        if (!Poll.readable(fd, timeout)) {
            return false;
        }
        drain();
        return true;
    }

    /** Resets the counter without waiting; returns the value it held. */
    public synchronized long drain() throws SyscallException {
        long n = Native.LIBC.read(fd, Native.address(counter), Long.BYTES);
        if (n == -1) {
            int errno = Native.errno();
            if (errno == Native.EAGAIN) {
                return 0;
            }
            throw new SyscallException("read(eventfd)", errno, Native.LIBC.strerror(errno));
        }
        return counter.getLong(0);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            FileDescriptors.closeQuietly(fd);
        }
    }
}
