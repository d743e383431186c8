package dev.vfc.passthrough;

import dev.vfc.syscall.FileDescriptors;

/**
 * An open file or directory the guest holds by file handle: a real descriptor (never of a
 * device, FIFO or socket, see CVE-2020-35517), the node it was opened for, and for
 * directories the {@link DirectoryStream} that serializes seeking and reading.
 */
final class Handle extends Counted {

    private final long id;
    private final long node;
    private final int fd;
    private final DirectoryStream directory;

    Handle(long id, long node, int fd, boolean directory) {
        this.id = id;
        this.node = node;
        this.fd = fd;
        this.directory = directory ? new DirectoryStream(fd) : null;
    }

    long id() {
        return id;
    }

    long node() {
        return node;
    }

    int fd() {
        return fd;
    }

    /** The stream for READDIR, or null when this handle came from OPEN or CREATE. */
    DirectoryStream directory() {
        return directory;
    }

    @Override
    void free() {
        FileDescriptors.closeQuietly(fd);
    }
}
