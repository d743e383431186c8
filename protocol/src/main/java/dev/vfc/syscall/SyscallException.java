package dev.vfc.syscall;

import java.io.IOException;

/** A system call that failed: the call, its errno and libc's text for it. */
public final class SyscallException extends IOException {

    private final int errno;

    SyscallException(String call, int errno, String text) {
        super(call + ": " + text + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
