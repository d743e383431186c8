package dev.vfc.fuse;

/**
 * A FUSE message that cannot be parsed. It carries the errno a daemon should answer with
 * (EINVAL, as the kernel and libfuse do for malformed input), so a server can turn the
 * exception straight into an error reply without guessing.
 */
public final class FuseDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public FuseDecodeException(String message) {
        this(message, Errno.EINVAL.number());
    }

    public FuseDecodeException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The positive errno number to answer with (22, EINVAL, unless stated otherwise). */
    public int errno() {
        return errno;
    }
}
