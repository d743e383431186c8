package dev.vfc.server;

import dev.vfc.fuse.Errno;

/**
 * The server itself refuses a request (as opposed to the filesystem failing it): the request is
 * malformed, comes at the wrong time, or its reply cannot fit. Carries the errno to answer with
 * and a reason for the log. Only {@link FuseServer#handle} catches it.
 */
final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    Rejected(Errno errno, String reason) {
        super(reason, null, false, false);
        this.errno = errno;
    }

    Errno errno() {
        return errno;
    }
}
