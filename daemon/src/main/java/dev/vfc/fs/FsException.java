package dev.vfc.fs;

import dev.vfc.fuse.Errno;

/**
 * A filesystem operation that failed with an errno the guest should see. An answer, not a
 * fault: a negative LOOKUP is routine, so no stack trace is filled in.
 */
public final class FsException extends Exception {

    private final int errno;

    public FsException(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    public FsException(Errno errno, String message) {
        this(errno.number(), message);
    }

    /** The positive errno number. */
    public int errno() {
        return errno;
    }
}
