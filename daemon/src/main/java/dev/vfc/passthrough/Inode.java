package dev.vfc.passthrough;

import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.PosixFiles;

/**
 * One host file the guest knows by node id: an O_PATH|O_NOFOLLOW descriptor that pins the
 * file (so its (st_dev, st_ino) cannot be reused while the guest may still name it, and
 * nothing is ever opened for I/O just to look it up, see CVE-2020-35517), its identity and
 * its file type, which never changes for one inode.
 *
 * <p>The lookup count lives in {@link InodeTable} under its lock.
 */
final class Inode extends Counted {

    private final long id;
    private final long dev;
    private final long ino;
    private final int type;
    private final int fd;
    /** Guarded by the owning table's lock. */
    long lookups;

    Inode(long id, int fd, long dev, long ino, int type, long lookups) {
        this.id = id;
        this.fd = fd;
        this.dev = dev;
        this.ino = ino;
        this.type = type;
        this.lookups = lookups;
    }

    long id() {
        return id;
    }

    /** The O_PATH descriptor; valid while this use is open. */
    int fd() {
        return fd;
    }

    long dev() {
        return dev;
    }

    long ino() {
        return ino;
    }

    /** The S_IFMT bits. */
    int type() {
        return type;
    }

    boolean isDirectory() {
        return type == PosixFiles.S_IFDIR;
    }

    boolean isRegularFile() {
        return type == PosixFiles.S_IFREG;
    }

    boolean isSymlink() {
        return type == PosixFiles.S_IFLNK;
    }

    /** {@code /proc/self/fd/<fd>}: names this very inode without a path walk. */
    byte[] procPath() {
        return PosixFiles.procSelfFd(fd);
    }

    @Override
    void free() {
        FileDescriptors.closeQuietly(fd);
    }

    @Override
    public String toString() {
        return "Inode[" + id + " dev=" + dev + " ino=" + ino + " fd=" + fd + "]";
    }
}
