package dev.vfc.passthrough;

import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.FileStat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node id to {@link Inode}, and (st_dev, st_ino) to the same, so that one host file looked
 * up by two names (or twice) is one node with its lookup count raised, as FUSE requires:
 * the kernel sends one FORGET total per node, not per name.
 *
 * <p>Node ids start at 2 (1 is the root, which is never dropped) and only grow, also across
 * {@link #reset()}: a stale id from an earlier session can never name a new file.
 *
 * <p>An id that is not in the table answers EBADF, as the C (lo_inode) and Rust (find_inode
 * / ebadf) virtiofsd both do, so the side-by-side comparison agrees; a well-behaved kernel
 * never sends one.
 */
final class InodeTable {

    static final long ROOT_ID = 1;

    private record Key(long dev, long ino) {
    }

    private final Object lock = new Object();
    private final Map<Long, Inode> byId = new ConcurrentHashMap<>();
    /** Guarded by {@link #lock}. */
    private final Map<Key, Inode> byKey = new HashMap<>();
    /** Guarded by {@link #lock}. */
    private long nextId = ROOT_ID + 1;
    private final Inode root;

    /** Takes ownership of {@code rootFd}, an O_PATH descriptor of the shared directory. */
    InodeTable(int rootFd, FileStat rootStat) {
        root = new Inode(ROOT_ID, rootFd, rootStat.dev(), rootStat.ino(), rootStat.type(), 1);
        byId.put(ROOT_ID, root);
        byKey.put(new Key(root.dev(), root.ino()), root);
    }

    /**
     * The inode for {@code id}, held until the caller closes it.
     *
     * @throws FsException EBADF when the id is unknown or already forgotten
     */
    Inode use(long id) throws FsException {
        Inode inode = byId.get(id);
        if (inode == null || !inode.retain()) {
            throw new FsException(Errno.EBADF, "unknown node id " + id);
        }
        return inode;
    }

    /** The root, held until the caller closes it. */
    Inode useRoot() {
        root.retain();
        return root;
    }

    /**
     * Counts one lookup of the file {@code fd} refers to, and returns its node id. Takes
     * ownership of {@code fd}: it becomes the new node's descriptor, or is closed when the
     * file already has a node.
     */
    long register(int fd, FileStat st) {
        synchronized (lock) {
            Key key = new Key(st.dev(), st.ino());
            Inode known = byKey.get(key);
            if (known != null) {
                known.lookups++;
                FileDescriptors.closeQuietly(fd);
                return known.id();
            }
            Inode inode = new Inode(nextId++, fd, st.dev(), st.ino(), st.type(), 1);
            byKey.put(key, inode);
            byId.put(inode.id(), inode);
            return inode.id();
        }
    }

    /**
     * FORGET: subtracts {@code n} lookups (never below 0); at 0 the node leaves the table and
     * its descriptor closes once no request uses it. The root stays. Unknown ids are ignored:
     * FORGET has no reply to carry an error.
     */
    void forget(long id, long n) {
        Inode dropped = null;
        synchronized (lock) {
            Inode inode = byId.get(id);
            if (inode == null) {
                return;
            }
            inode.lookups = n < 0 || n >= inode.lookups ? 0 : inode.lookups - n;
            if (inode.lookups == 0 && id != ROOT_ID) {
                byId.remove(id);
                byKey.remove(new Key(inode.dev(), inode.ino()));
                dropped = inode;
            }
        }
        if (dropped != null) {
            dropped.release();
        }
    }

    /** DESTROY: every node but the root goes; the root's count starts over at 1. */
    void reset() {
        List<Inode> dropped = new ArrayList<>();
        synchronized (lock) {
            for (Inode inode : byId.values()) {
                if (inode.id() != ROOT_ID) {
                    dropped.add(inode);
                }
            }
            byId.keySet().removeIf(id -> id != ROOT_ID);
            byKey.values().removeIf(inode -> inode.id() != ROOT_ID);
            root.lookups = 1;
        }
        dropped.forEach(Inode::release);
    }

    /** Resets and also closes the root: the table is unusable afterwards. */
    void closeAll() {
        reset();
        synchronized (lock) {
            byId.clear();
            byKey.clear();
        }
        root.release();
    }

    /** The lookup count of {@code id}, or -1 when it is not in the table (for tests and logs). */
    long lookups(long id) {
        synchronized (lock) {
            Inode inode = byId.get(id);
            return inode == null ? -1 : inode.lookups;
        }
    }

    /** Nodes in the table, the root included. */
    int size() {
        return byId.size();
    }
}
