package dev.vfc.syscall;

/** Closing raw descriptors that arrive over SCM_RIGHTS or come from our own calls. */
public final class FileDescriptors {

    private FileDescriptors() {
    }

    /** Closes {@code fd} if it is valid; errors are ignored because there is nothing to undo. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            Native.LIBC.close(fd);
        }
    }

    public static void closeQuietly(int[] fds) {
        for (int fd : fds) {
            closeQuietly(fd);
        }
    }
}
