package dev.vfc.passthrough;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fs.Created;
import dev.vfc.fs.DirectorySink;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.SetattrIn;
import java.io.IOException;

/**
 * Serves a host directory to the guest, one FUSE operation per method, the way the Rust
 * virtiofsd's {@code passthrough/} does: every node is an O_PATH descriptor
 * ({@link InodeTable}), every open file a real one ({@link HandleTable}), and each request
 * is one or two *at() syscalls relative to those descriptors, so no path string is ever
 * walked from the host root.
 *
 * <p>The rules it keeps, each one a bug or CVE of a real daemon:
 * <ul>
 * <li>Names are single components ({@link Names}); an absolute SYMLINK name is refused
 *     (CVE-2026-47243). LOOKUP of "." is the node, of ".." at the root the root, elsewhere
 *     resolved by the kernel beneath the shared root (openat2 RESOLVE_BENEATH).
 * <li>Symlinks are never followed: O_NOFOLLOW, AT_SYMLINK_NOFOLLOW or an O_PATH descriptor
 *     everywhere; OPEN of a symlink is ELOOP.
 * <li>Devices, FIFOs and sockets are never opened on the host; OPEN of one is EACCES
 *     (CVE-2020-35517). MKNOD may create them.
 * <li>Creating operations run with the guest's fsuid/fsgid and umask ({@link Credentials});
 *     the daemon drops its supplementary groups (CVE-2022-0358).
 * <li>READDIR offsets are the host's own cookies, re-seekable at any time; READDIRPLUS gives
 *     "." and ".." nodeid 0 (OVMF FORGETs every nonzero nodeid it is handed).
 * </ul>
 *
 * <p>Errno values of the host syscalls go to the guest unchanged. Unknown node ids and file
 * handles answer EBADF (as both reference daemons). Safe for concurrent calls from several
 * queue workers.
 *
 * <p>This class is the face of the parts, each one group of operations over the
 * {@link SharedTree}: {@link PassthroughEntries} (names), {@link PassthroughAttributes}
 * (metadata), {@link PassthroughFiles} (open files), {@link PassthroughDirectories} and
 * {@link PassthroughXattrs}.
 */
public final class PassthroughFileSystem implements FileSystem, AutoCloseable {

    private final SharedTree tree;
    private final PassthroughEntries entries;
    private final PassthroughAttributes attributes;
    private final PassthroughFiles files;
    private final PassthroughDirectories directories;
    private final PassthroughXattrs xattrs;

    /**
     * Opens {@code options.sharedDir()} (following it if it is a symlink: that is the
     * administrator's choice, not the guest's).
     *
     * @throws IOException when it cannot be opened or is not a directory
     */
    public PassthroughFileSystem(PassthroughOptions options) throws IOException {
        this.tree = new SharedTree(options);
        this.entries = new PassthroughEntries(tree);
        this.attributes = new PassthroughAttributes(tree);
        this.files = new PassthroughFiles(tree);
        this.directories = new PassthroughDirectories(tree);
        this.xattrs = new PassthroughXattrs(tree);
    }

    // ---- session ------------------------------------------------------------------------

    /**
     * Wants READDIRPLUS (and its auto mode) unless caching is off, as the Rust daemon, and
     * ATOMIC_O_TRUNC (OPEN honours O_TRUNC itself); then what the {@link Features} ask for, as
     * Rust virtiofsd 1.13's {@code init} (src/passthrough/mod.rs): WRITEBACK_CACHE, SUBMOUNTS,
     * HANDLE_KILLPRIV_V2, and POSIX_ACL with DONT_MASK and SETXATTR_EXT. Rust fails INIT with
     * EPROTO when the driver lacks what {@code --posix-acl} needs; here the flags are simply not
     * granted and ACL xattrs stay refused.
     */
    @Override
    public long init(long offered) {
        // DONT_MASK: creating operations apply the request's umask themselves (Credentials.mode), so
        // Linux may leave it to us (fs/fuse/dir.c fuse_mkdir masks only when !fc->dont_mask).
        long wanted = FuseInitFlags.ATOMIC_O_TRUNC | FuseInitFlags.DONT_MASK;
        if (tree.options().cache() != CacheMode.NEVER) {
            wanted |= FuseInitFlags.DO_READDIRPLUS | FuseInitFlags.READDIRPLUS_AUTO;
        }
        Features f = tree.options().features();
        if (f.writeback()) {
            wanted |= FuseInitFlags.WRITEBACK_CACHE;
        }
        if (f.announceSubmounts()) {
            wanted |= FuseInitFlags.SUBMOUNTS;
        }
        if (f.killprivV2()) {
            wanted |= FuseInitFlags.HANDLE_KILLPRIV_V2;
        }
        long acl = FuseInitFlags.POSIX_ACL | FuseInitFlags.DONT_MASK | FuseInitFlags.SETXATTR_EXT;
        if (f.posixAcl() && (offered & acl) == acl) {
            wanted |= acl;
        }
        long granted = offered & wanted;
        tree.granted(granted);
        return granted;
    }

    @Override
    public void destroy() {
        tree.handles().clear();
        tree.inodes().reset();
    }

    /** Closes every descriptor, the root's too; the filesystem cannot be used afterwards. */
    @Override
    public void close() {
        tree.handles().clear();
        tree.inodes().closeAll();
    }


    @Override
    public void forget(long node, long nlookup) {
        tree.inodes().forget(node, nlookup);
    }

    @Override
    public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
        return entries.lookup(ctx, parent, name);
    }

    @Override
    public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
        return attributes.getattr(ctx, node, fh);
    }

    @Override
    public AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
        return attributes.setattr(ctx, node, in);
    }

    @Override
    public Kstatfs statfs(Context ctx, long node) throws FsException {
        return attributes.statfs(ctx, node);
    }

    @Override
    public void access(Context ctx, long node, int mask) throws FsException {
        attributes.access(ctx, node, mask);
    }

    @Override
    public byte[] readlink(Context ctx, long node) throws FsException {
        return attributes.readlink(ctx, node);
    }

    @Override
    public EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name) throws FsException {
        return entries.symlink(ctx, target, parent, name);
    }

    @Override
    public EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask) throws FsException {
        return entries.mknod(ctx, parent, name, mode, rdev, umask);
    }

    @Override
    public EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask) throws FsException {
        return entries.mkdir(ctx, parent, name, mode, umask);
    }

    @Override
    public EntryOut link(Context ctx, long node, long newParent, byte[] newName) throws FsException {
        return entries.link(ctx, node, newParent, newName);
    }

    @Override
    public void unlink(Context ctx, long parent, byte[] name) throws FsException {
        entries.unlink(ctx, parent, name);
    }

    @Override
    public void rmdir(Context ctx, long parent, byte[] name) throws FsException {
        entries.rmdir(ctx, parent, name);
    }

    @Override
    public void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName, int flags) throws FsException {
        entries.rename(ctx, oldParent, oldName, newParent, newName, flags);
    }

    @Override
    public Opened open(Context ctx, long node, int flags) throws FsException {
        return files.open(ctx, node, flags);
    }

    @Override
    public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask) throws FsException {
        return files.create(ctx, parent, name, flags, mode, umask);
    }

    @Override
    public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException {
        return files.read(ctx, node, fh, offset, size, out);
    }

    @Override
    public long write(Context ctx, long node, long fh, long offset, int size, ChainReader in, int writeFlags) throws FsException {
        return files.write(ctx, node, fh, offset, size, in, writeFlags);
    }

    @Override
    public void release(Context ctx, long node, long fh, int flags) throws FsException {
        files.release(ctx, node, fh, flags);
    }

    @Override
    public void flush(Context ctx, long node, long fh) throws FsException {
        files.flush(ctx, node, fh);
    }

    @Override
    public void fsync(Context ctx, long node, long fh, boolean datasync) throws FsException {
        files.fsync(ctx, node, fh, datasync);
    }

    @Override
    public void fallocate(Context ctx, long node, long fh, int mode, long offset, long length) throws FsException {
        files.fallocate(ctx, node, fh, mode, offset, length);
    }

    @Override
    public long lseek(Context ctx, long node, long fh, long offset, int whence) throws FsException {
        return files.lseek(ctx, node, fh, offset, whence);
    }

    @Override
    public long copyFileRange(Context ctx, long nodeIn, long fhIn, long offsetIn, long nodeOut, long fhOut,
            long offsetOut, long length, long flags) throws FsException {
        return files.copyFileRange(ctx, nodeIn, fhIn, offsetIn, nodeOut, fhOut, offsetOut, length, flags);
    }

    @Override
    public void syncfs(Context ctx, long node) throws FsException {
        files.syncfs(ctx, node);
    }

    @Override
    public Opened opendir(Context ctx, long node, int flags) throws FsException {
        return directories.opendir(ctx, node, flags);
    }

    @Override
    public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException {
        directories.readdir(ctx, node, fh, offset, sink);
    }

    @Override
    public void releasedir(Context ctx, long node, long fh) throws FsException {
        directories.releasedir(ctx, node, fh);
    }

    @Override
    public void fsyncdir(Context ctx, long node, long fh, boolean datasync) throws FsException {
        directories.fsyncdir(ctx, node, fh, datasync);
    }

    @Override
    public void setxattr(Context ctx, long node, byte[] name, byte[] value, int flags) throws FsException {
        xattrs.setxattr(ctx, node, name, value, flags);
    }

    @Override
    public byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
        return xattrs.getxattr(ctx, node, name);
    }

    @Override
    public byte[] listxattr(Context ctx, long node) throws FsException {
        return xattrs.listxattr(ctx, node);
    }

    @Override
    public void removexattr(Context ctx, long node, byte[] name) throws FsException {
        xattrs.removexattr(ctx, node, name);
    }

    // ---- for tests and diagnostics ------------------------------------------------------

    /** The lookup count of {@code node}, or -1 when the node is not (or no longer) known. */
    long lookupCount(long node) {
        return tree.inodes().lookups(node);
    }

    /** Nodes known, the root included. */
    int nodeCount() {
        return tree.inodes().size();
    }

    /** The host descriptor behind handle {@code fh} (its /proc/self/fdinfo shows the host's open flags). */
    int handleDescriptor(long node, long fh) throws FsException {
        try (Handle h = tree.handles().use(fh, node)) {
            return h.fd();
        }
    }

    /** Open file and directory handles. */
    int handleCount() {
        return tree.handles().size();
    }
}
