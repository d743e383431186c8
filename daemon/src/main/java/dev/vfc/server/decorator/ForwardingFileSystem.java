package dev.vfc.server.decorator;

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
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.SetattrIn;
import java.util.Objects;

/**
 * A {@link FileSystem} that passes every call, the interface's default methods included, to
 * another one; decorators override only what they change. Forwarding the defaults matters: without
 * it a decorator would answer ENOSYS for READLINK or SYMLINK that its delegate serves.
 */
public abstract class ForwardingFileSystem implements FileSystem {

    protected final FileSystem delegate;

    protected ForwardingFileSystem(FileSystem delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public long init(long offered) {
        return delegate.init(offered);
    }

    @Override
    public void destroy() {
        delegate.destroy();
    }

    @Override
    public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
        return delegate.lookup(ctx, parent, name);
    }

    @Override
    public void forget(long node, long nlookup) {
        delegate.forget(node, nlookup);
    }

    @Override
    public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
        return delegate.getattr(ctx, node, fh);
    }

    @Override
    public AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
        return delegate.setattr(ctx, node, in);
    }

    @Override
    public byte[] readlink(Context ctx, long node) throws FsException {
        return delegate.readlink(ctx, node);
    }

    @Override
    public EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name) throws FsException {
        return delegate.symlink(ctx, target, parent, name);
    }

    @Override
    public EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask) throws FsException {
        return delegate.mknod(ctx, parent, name, mode, rdev, umask);
    }

    @Override
    public EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask) throws FsException {
        return delegate.mkdir(ctx, parent, name, mode, umask);
    }

    @Override
    public void unlink(Context ctx, long parent, byte[] name) throws FsException {
        delegate.unlink(ctx, parent, name);
    }

    @Override
    public void rmdir(Context ctx, long parent, byte[] name) throws FsException {
        delegate.rmdir(ctx, parent, name);
    }

    @Override
    public void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName, int flags)
            throws FsException {
        delegate.rename(ctx, oldParent, oldName, newParent, newName, flags);
    }

    @Override
    public EntryOut link(Context ctx, long node, long newParent, byte[] newName) throws FsException {
        return delegate.link(ctx, node, newParent, newName);
    }

    @Override
    public Opened open(Context ctx, long node, int flags) throws FsException {
        return delegate.open(ctx, node, flags);
    }

    @Override
    public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException {
        return delegate.read(ctx, node, fh, offset, size, out);
    }

    @Override
    public long write(Context ctx, long node, long fh, long offset, int size, ChainReader in, int writeFlags)
            throws FsException {
        return delegate.write(ctx, node, fh, offset, size, in, writeFlags);
    }

    @Override
    public Kstatfs statfs(Context ctx, long node) throws FsException {
        return delegate.statfs(ctx, node);
    }

    @Override
    public void release(Context ctx, long node, long fh, int flags) throws FsException {
        delegate.release(ctx, node, fh, flags);
    }

    @Override
    public void flush(Context ctx, long node, long fh) throws FsException {
        delegate.flush(ctx, node, fh);
    }

    @Override
    public void fsync(Context ctx, long node, long fh, boolean datasync) throws FsException {
        delegate.fsync(ctx, node, fh, datasync);
    }

    @Override
    public void setxattr(Context ctx, long node, byte[] name, byte[] value, int flags) throws FsException {
        delegate.setxattr(ctx, node, name, value, flags);
    }

    @Override
    public byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
        return delegate.getxattr(ctx, node, name);
    }

    @Override
    public byte[] listxattr(Context ctx, long node) throws FsException {
        return delegate.listxattr(ctx, node);
    }

    @Override
    public void removexattr(Context ctx, long node, byte[] name) throws FsException {
        delegate.removexattr(ctx, node, name);
    }

    @Override
    public Opened opendir(Context ctx, long node, int flags) throws FsException {
        return delegate.opendir(ctx, node, flags);
    }

    @Override
    public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException {
        delegate.readdir(ctx, node, fh, offset, sink);
    }

    @Override
    public void releasedir(Context ctx, long node, long fh) throws FsException {
        delegate.releasedir(ctx, node, fh);
    }

    @Override
    public void fsyncdir(Context ctx, long node, long fh, boolean datasync) throws FsException {
        delegate.fsyncdir(ctx, node, fh, datasync);
    }

    @Override
    public void access(Context ctx, long node, int mask) throws FsException {
        delegate.access(ctx, node, mask);
    }

    @Override
    public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask) throws FsException {
        return delegate.create(ctx, parent, name, flags, mode, umask);
    }

    @Override
    public void fallocate(Context ctx, long node, long fh, int mode, long offset, long length) throws FsException {
        delegate.fallocate(ctx, node, fh, mode, offset, length);
    }

    @Override
    public long lseek(Context ctx, long node, long fh, long offset, int whence) throws FsException {
        return delegate.lseek(ctx, node, fh, offset, whence);
    }

    @Override
    public long copyFileRange(Context ctx, long nodeIn, long fhIn, long offsetIn, long nodeOut, long fhOut,
            long offsetOut, long length, long flags) throws FsException {
        return delegate.copyFileRange(ctx, nodeIn, fhIn, offsetIn, nodeOut, fhOut, offsetOut, length, flags);
    }

    @Override
    public void syncfs(Context ctx, long node) throws FsException {
        delegate.syncfs(ctx, node);
    }
}
