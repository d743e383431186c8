package dev.vfc.passthrough;

import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File handle to {@link Handle}. Handles only grow (starting at 1) and are never reused in
 * the life of the filesystem, so a stale handle cannot reach a file opened later. A handle
 * that is unknown, already released, or that belongs to another node answers EBADF, as
 * read(2) on a closed descriptor does (and the Rust virtiofsd's find_handle).
 */
final class HandleTable {

    private final Map<Long, Handle> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** Takes ownership of {@code fd} and returns the new handle's id. */
    long add(long node, int fd, boolean directory) {
        long id = nextId.getAndIncrement();
        byId.put(id, new Handle(id, node, fd, directory));
        return id;
    }

    /** The handle {@code fh} of {@code node}, held until the caller closes it. */
    Handle use(long fh, long node) throws FsException {
        Handle handle = byId.get(fh);
        if (handle == null || handle.node() != node || !handle.retain()) {
            throw new FsException(Errno.EBADF, "unknown file handle " + fh + " for node " + node);
        }
        return handle;
    }

    /** RELEASE / RELEASEDIR: the handle is gone; its descriptor closes once unused. */
    void remove(long fh, long node) throws FsException {
        Handle handle = byId.get(fh);
        if (handle == null || handle.node() != node || !byId.remove(fh, handle)) {
            throw new FsException(Errno.EBADF, "unknown file handle " + fh + " for node " + node);
        }
        handle.release();
    }

    /** DESTROY: every handle goes. */
    void clear() {
        List<Handle> all = new ArrayList<>(byId.values());
        for (Handle handle : all) {
            if (byId.remove(handle.id(), handle)) {
                handle.release();
            }
        }
    }

    int size() {
        return byId.size();
    }
}
