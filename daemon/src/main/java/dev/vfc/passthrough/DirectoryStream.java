package dev.vfc.passthrough;

import dev.vfc.fs.FsException;
import dev.vfc.syscall.DirEntry;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * READDIR on one open directory, with the filesystem's own getdents64 cookies as FUSE
 * offsets: each entry's {@code off} is its d_off, the position after it, so any cookie the
 * guest was ever handed can be sought back to with lseek(fd, cookie, SEEK_SET). OVMF relies
 * on that: it re-reads from cookies it saw earlier. Offset 0 is the start.
 *
 * <p>Seeking and reading move the descriptor's one position, so calls on one stream are
 * serialized; different directories read in parallel.
 */
final class DirectoryStream {

    /** Gets each entry in order; returns false to stop (the reply is full). */
    interface Visitor {
        boolean visit(DirEntry entry) throws FsException;
    }

    private final int fd;
    private final ReentrantLock lock = new ReentrantLock();

    DirectoryStream(int fd) {
        this.fd = fd;
    }

    /** Offers the entries after {@code cookie} until the visitor stops or the directory ends. */
    void readFrom(long cookie, Visitor visitor) throws FsException, SyscallException {
        lock.lock();
        try {
            PosixFiles.lseek(fd, cookie, PosixFiles.SEEK_SET);
            while (true) {
                List<DirEntry> batch = PosixFiles.getdents64(fd);
                if (batch.isEmpty()) {
                    return;
                }
                for (DirEntry entry : batch) {
                    if (!visitor.visit(entry)) {
                        return;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
