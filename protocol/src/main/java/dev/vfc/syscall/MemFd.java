package dev.vfc.syscall;

/**
 * Anonymous shareable memory, the way QEMU backs guest RAM with
 * {@code memory-backend-memfd,share=on}: the fd crosses the vhost-user socket and the daemon
 * maps the same pages.
 */
public final class MemFd {

    private static final int MFD_CLOEXEC = 0x0001;

    private MemFd() {
    }

    /** Creates a memfd of {@code size} bytes and returns its descriptor. */
    public static int create(String name, long size) throws SyscallException {
        int fd = Native.checkInt(Native.LIBC.memfd_create(name, MFD_CLOEXEC), "memfd_create");
        try {
            Native.checkInt(Native.LIBC.ftruncate(fd, size), "ftruncate");
        } catch (SyscallException e) {
            FileDescriptors.closeQuietly(fd);
            throw e;
        }
        return fd;
    }
}
