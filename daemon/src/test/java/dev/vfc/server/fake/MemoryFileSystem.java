package dev.vfc.server.fake;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fs.Created;
import dev.vfc.fs.DirectorySink;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.Attr;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.SetattrIn;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory filesystem for server tests, recording the calls the server makes. Not a model
 * of POSIX: just enough behaviour (nodes, names, data, xattrs, lookup counts) to check what the
 * server sends and replies. Thread-safe enough for the concurrency test (one lock).
 */
public class MemoryFileSystem implements FileSystem {

    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;

    public static final class Node {
        final long id;
        final int mode;
        final Map<String, Long> children = new LinkedHashMap<>();
        byte[] data = new byte[0];
        final Map<String, byte[]> xattrs = new LinkedHashMap<>();
        long lookups;

        Node(long id, int mode) {
            this.id = id;
            this.mode = mode;
        }
    }

    private final Map<Long, Node> nodes = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(2);
    private final AtomicLong nextFh = new AtomicLong(10);

    /** What init returns; tests set it to ask for flags. */
    public volatile long initWants;
    public final List<Long> initOffered = new CopyOnWriteArrayList<>();
    public final AtomicInteger destroys = new AtomicInteger();
    public final List<long[]> forgets = new CopyOnWriteArrayList<>();
    public final AtomicInteger writeCalls = new AtomicInteger();
    public final List<Integer> readSizes = new CopyOnWriteArrayList<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();

    public MemoryFileSystem() {
        nodes.put(1L, new Node(1, S_IFDIR | 0755));
    }

    private static String key(byte[] name) {
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    private synchronized Node node(long id) throws FsException {
        Node n = nodes.get(id);
        if (n == null) {
            throw new FsException(Errno.ENOENT, "no node " + id);
        }
        return n;
    }

    /** Test set-up: a regular file under the root with these contents; returns its node id. */
    public synchronized long addFile(String name, byte[] data) {
        Node n = new Node(nextId.getAndIncrement(), S_IFREG | 0644);
        n.data = data.clone();
        nodes.put(n.id, n);
        nodes.get(1L).children.put(name, n.id);
        return n.id;
    }

    public synchronized byte[] data(long node) {
        return nodes.get(node).data.clone();
    }

    public synchronized long lookups(long node) {
        return nodes.get(node).lookups;
    }

    public synchronized void setXattr(long node, String name, byte[] value) {
        nodes.get(node).xattrs.put(name, value.clone());
    }

    public synchronized byte[] xattr(long node, String name) {
        return nodes.get(node).xattrs.get(name);
    }

    public synchronized boolean exists(String name) {
        return nodes.get(1L).children.containsKey(name);
    }

    private static Attr attr(Node n) {
        long size = n.data.length;
        return new Attr(n.id, size, (size + 511) / 512, 1, 2, 3, 0, 0, 0, n.mode, 1, 0, 0, 0, 4096, 0);
    }

    private static EntryOut entry(Node n) {
        return new EntryOut(n.id, 0, 1, 1, 0, 0, attr(n));
    }

    private synchronized EntryOut counted(Node n) {
        n.lookups++;
        return entry(n);
    }

    private synchronized Node make(long parent, byte[] name, int mode) throws FsException {
        Node dir = node(parent);
        if (dir.children.containsKey(key(name))) {
            throw new FsException(Errno.EEXIST, "exists");
        }
        Node n = new Node(nextId.getAndIncrement(), mode);
        nodes.put(n.id, n);
        dir.children.put(key(name), n.id);
        return n;
    }

    @Override
    public long init(long offered) {
        initOffered.add(offered);
        return initWants;
    }

    @Override
    public void destroy() {
        destroys.incrementAndGet();
    }

    @Override
    public synchronized EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
        calls.add("lookup " + key(name));
        Long id = node(parent).children.get(key(name));
        if (id == null) {
            throw new FsException(Errno.ENOENT, "no " + key(name));
        }
        return counted(node(id));
    }

    @Override
    public synchronized void forget(long node, long nlookup) {
        forgets.add(new long[] {node, nlookup});
        Node n = nodes.get(node);
        if (n != null) {
            n.lookups -= nlookup;
        }
    }

    @Override
    public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
        calls.add("getattr " + node + " fh " + fh);
        return new AttrOut(1, 0, attr(node(node)));
    }

    @Override
    public synchronized AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
        Node n = node(node);
        if ((in.valid() & FattrFlags.SIZE) != 0) {
            n.data = Arrays.copyOf(n.data, (int) in.size());
        }
        return new AttrOut(1, 0, attr(n));
    }

    @Override
    public synchronized byte[] readlink(Context ctx, long node) throws FsException {
        return node(node).data.clone();
    }

    @Override
    public synchronized EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name) throws FsException {
        calls.add("symlink " + key(name) + " -> " + key(target));
        Node n = make(parent, name, S_IFLNK | 0777);
        n.data = target.clone();
        return counted(n);
    }

    @Override
    public synchronized EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask)
            throws FsException {
        calls.add("mknod " + key(name));
        return counted(make(parent, name, mode));
    }

    @Override
    public synchronized EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask) throws FsException {
        calls.add("mkdir " + key(name));
        return counted(make(parent, name, S_IFDIR | (mode & ~umask & 07777)));
    }

    @Override
    public synchronized void unlink(Context ctx, long parent, byte[] name) throws FsException {
        calls.add("unlink " + key(name));
        if (node(parent).children.remove(key(name)) == null) {
            throw new FsException(Errno.ENOENT, "no " + key(name));
        }
    }

    @Override
    public synchronized void rmdir(Context ctx, long parent, byte[] name) throws FsException {
        calls.add("rmdir " + key(name));
        if (node(parent).children.remove(key(name)) == null) {
            throw new FsException(Errno.ENOENT, "no " + key(name));
        }
    }

    @Override
    public synchronized void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName,
            int flags) throws FsException {
        calls.add("rename " + key(oldName) + " -> " + key(newName) + " flags " + flags);
        Long id = node(oldParent).children.remove(key(oldName));
        if (id == null) {
            throw new FsException(Errno.ENOENT, "no " + key(oldName));
        }
        node(newParent).children.put(key(newName), id);
    }

    @Override
    public synchronized EntryOut link(Context ctx, long node, long newParent, byte[] newName) throws FsException {
        calls.add("link " + node + " as " + key(newName));
        Node n = node(node);
        node(newParent).children.put(key(newName), n.id);
        return counted(n);
    }

    @Override
    public Opened open(Context ctx, long node, int flags) throws FsException {
        calls.add("open " + node);
        node(node);
        return new Opened(nextFh.getAndIncrement(), 0);
    }

    @Override
    public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException {
        readSizes.add(size);
        byte[] data;
        synchronized (this) {
            data = node(node).data;
        }
        if (offset >= data.length) {
            return 0;
        }
        int n = (int) Math.min(size, data.length - offset);
        out.write(ByteBuffer.wrap(data, (int) offset, n));
        return n;
    }

    @Override
    public long write(Context ctx, long node, long fh, long offset, int size, ChainReader in, int writeFlags)
            throws FsException {
        writeCalls.incrementAndGet();
        ByteBuffer b = ByteBuffer.allocate(size);
        in.read(b);
        synchronized (this) {
            Node n = node(node);
            long end = offset + size;
            if (end > n.data.length) {
                n.data = Arrays.copyOf(n.data, (int) end);
            }
            System.arraycopy(b.array(), 0, n.data, (int) offset, size);
        }
        return size;
    }

    @Override
    public Kstatfs statfs(Context ctx, long node) throws FsException {
        return new Kstatfs(1000, 500, 500, 100, 50, 4096, 255, 4096);
    }

    @Override
    public void release(Context ctx, long node, long fh, int flags) {
        calls.add("release " + fh);
    }

    @Override
    public synchronized void setxattr(Context ctx, long node, byte[] name, byte[] value, int flags) throws FsException {
        calls.add("setxattr " + key(name) + " " + value.length);
        node(node).xattrs.put(key(name), value.clone());
    }

    @Override
    public synchronized byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
        byte[] v = node(node).xattrs.get(key(name));
        if (v == null) {
            throw new FsException(Errno.ENODATA, "no attribute");
        }
        return v.clone();
    }

    @Override
    public synchronized byte[] listxattr(Context ctx, long node) throws FsException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String k : node(node).xattrs.keySet()) {
            out.writeBytes(k.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        return out.toByteArray();
    }

    @Override
    public synchronized void removexattr(Context ctx, long node, byte[] name) throws FsException {
        if (node(node).xattrs.remove(key(name)) == null) {
            throw new FsException(Errno.ENODATA, "no attribute");
        }
    }

    @Override
    public Opened opendir(Context ctx, long node, int flags) throws FsException {
        node(node);
        return new Opened(nextFh.getAndIncrement(), 0);
    }

    /** ".", "..", then the children in creation order; cookie i+1 follows entry i. */
    @Override
    public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException {
        List<Map.Entry<String, Long>> all = new ArrayList<>();
        synchronized (this) {
            Node dir = node(node);
            all.add(Map.entry(".", 0L));
            all.add(Map.entry("..", 0L));
            all.addAll(dir.children.entrySet());
        }
        for (int i = (int) offset; i < all.size(); i++) {
            String name = all.get(i).getKey();
            long id = all.get(i).getValue();
            Node n = id == 0 ? null : nodes.get(id);
            int type = n == null ? Dirent.DT_DIR : (n.mode & 0170000) >> 12;
            Dirent d = new Dirent(n == null ? 1 : n.id, i + 1, type, name.getBytes(StandardCharsets.ISO_8859_1));
            EntryOut e = null;
            if (sink.plus()) {
                e = n == null ? new EntryOut(0, 0, 0, 0, 0, 0, attr(nodes.get(1L))) : entry(n);
            }
            if (!sink.add(d, e)) {
                return;
            }
            if (sink.plus() && n != null) {
                synchronized (this) {
                    n.lookups++;
                }
            }
        }
    }

    @Override
    public void releasedir(Context ctx, long node, long fh) {
        calls.add("releasedir " + fh);
    }

    @Override
    public synchronized Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask)
            throws FsException {
        calls.add("create " + key(name));
        Node n = make(parent, name, S_IFREG | (mode & ~umask & 07777));
        return new Created(counted(n), new Opened(nextFh.getAndIncrement(), 0));
    }

    public List<String> calls() {
        return Collections.unmodifiableList(calls);
    }
}
