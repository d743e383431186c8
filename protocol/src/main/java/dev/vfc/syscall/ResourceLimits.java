package dev.vfc.syscall;

import java.nio.ByteBuffer;

/**
 * RLIMIT_NOFILE through getrlimit/setrlimit (struct rlimit: two u64, x86_64), which Java cannot
 * reach otherwise.
 */
public final class ResourceLimits {

    private static final int RLIMIT_NOFILE = 7;

    /** Soft (current) and hard (maximum) limits. */
    public record Limit(long soft, long hard) {
    }

    private ResourceLimits() {
    }

    public static Limit openFiles() throws SyscallException {
        ByteBuffer b = Native.allocate(16);
        Native.checkInt(Native.LIBC.getrlimit(RLIMIT_NOFILE, Native.address(b)), "getrlimit(RLIMIT_NOFILE)");
        return new Limit(b.getLong(0), b.getLong(8));
    }

    public static void setOpenFiles(Limit limit) throws SyscallException {
        ByteBuffer b = Native.allocate(16);
        b.putLong(0, limit.soft()).putLong(8, limit.hard());
        Native.checkInt(Native.LIBC.setrlimit(RLIMIT_NOFILE, Native.address(b)),
                "setrlimit(RLIMIT_NOFILE, " + limit.soft() + ")");
    }
}
