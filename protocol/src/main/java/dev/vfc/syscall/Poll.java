package dev.vfc.syscall;

import java.nio.ByteBuffer;
import java.time.Duration;

/** poll(2) on one descriptor, so every wait in the project has a deadline. */
public final class Poll {

    private static final short POLLIN = 0x001;
    private static final short POLLERR = 0x008;
    private static final short POLLHUP = 0x010;

    /** One pollfd per thread: a direct buffer per call would cost more than the poll. */
    private static final ThreadLocal<ByteBuffer> POLLFD = ThreadLocal.withInitial(() -> Native.allocate(8));

    private Poll() {
    }

    /**
     * Waits until {@code fd} is readable (or hung up, which makes the next read report it) or
     * the timeout passes.
     */
    public static boolean readable(int fd, Duration timeout) throws SyscallException {
        ByteBuffer pollfd = POLLFD.get();
        pollfd.putInt(0, fd).putShort(4, POLLIN).putShort(6, (short) 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int millis = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000));
            int n = Native.LIBC.poll(Native.address(pollfd), 1, millis);
            if (n == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            Native.check(n, "poll");
            return n > 0 && (pollfd.getShort(6) & (POLLIN | POLLERR | POLLHUP)) != 0;
        }
    }
}
