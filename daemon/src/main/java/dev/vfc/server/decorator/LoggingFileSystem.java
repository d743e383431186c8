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
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.SetattrIn;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Logs every filesystem call at DEBUG (java.util.logging FINE) with its node, names, sizes and
 * result or errno, e.g. {@code lookup(parent=1, name="grubx64.efi") -> nodeid=5 size=2525712} or
 * {@code read(node=5, fh=3, offset=0, size=2525712) -> ENOMEM(-12)}. Nothing is formatted when DEBUG
 * is off. Failures are logged at the same level: they are answers, not faults.
 */
public final class LoggingFileSystem extends ForwardingFileSystem {

    private final Logger log;

    public LoggingFileSystem(FileSystem delegate) {
        this(delegate, System.getLogger(LoggingFileSystem.class.getName()));
    }

    public LoggingFileSystem(FileSystem delegate, Logger log) {
        super(delegate);
        this.log = log;
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws FsException;
    }

    @FunctionalInterface
    private interface VoidCall {
        void call() throws FsException;
    }

    private <T> T logged(Supplier<String> what, Call<T> call, Function<T, String> result) throws FsException {
        if (!log.isLoggable(Level.DEBUG)) {
            return call.call();
        }
        try {
            T value = call.call();
            log.log(Level.DEBUG, what.get() + " -> " + result.apply(value));
            return value;
        } catch (FsException e) {
            log.log(Level.DEBUG, what.get() + " -> " + Errno.describe(-e.errno()) + " " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            log.log(Level.DEBUG, what.get() + " -> threw " + e);
            throw e;
        }
    }

    private void logged(Supplier<String> what, VoidCall call) throws FsException {
        logged(what, () -> {
            call.call();
            return null;
        }, v -> "OK");
    }

    private static String n(byte[] name) {
        return "\"" + new String(name, StandardCharsets.UTF_8) + "\"";
    }

    private static String entry(EntryOut e) {
        return "nodeid=" + e.nodeid() + " mode=0" + Integer.toOctalString(e.attr().mode()) + " size=" + e.attr().size();
    }

    private static String attr(AttrOut a) {
        return "mode=0" + Integer.toOctalString(a.attr().mode()) + " size=" + a.attr().size();
    }

    private static String opened(Opened o) {
        return "fh=" + o.fh() + " open_flags=0x" + Integer.toHexString(o.openFlags());
    }

    @Override
    public long init(long offered) {
        long wanted = delegate.init(offered);
        log.log(Level.DEBUG, () -> "init(offered=" + FuseInitFlags.describe(offered) + ") -> "
                + FuseInitFlags.describe(wanted));
        return wanted;
    }

    @Override
    public void destroy() {
        log.log(Level.DEBUG, "destroy()");
        delegate.destroy();
    }

    @Override
    public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
        return logged(() -> "lookup(parent=" + parent + ", name=" + n(name) + ")",
                () -> delegate.lookup(ctx, parent, name), LoggingFileSystem::entry);
    }

    @Override
    public void forget(long node, long nlookup) {
        log.log(Level.DEBUG, () -> "forget(node=" + node + ", nlookup=" + nlookup + ")");
        delegate.forget(node, nlookup);
    }

    @Override
    public AttrOut getattr(Context ctx, long node, long fh) throws FsException {
        return logged(() -> "getattr(node=" + node + ", fh=" + fh + ")", () -> delegate.getattr(ctx, node, fh),
                LoggingFileSystem::attr);
    }

    @Override
    public AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException {
        return logged(() -> "setattr(node=" + node + ", " + in + ")", () -> delegate.setattr(ctx, node, in),
                LoggingFileSystem::attr);
    }

    @Override
    public byte[] readlink(Context ctx, long node) throws FsException {
        return logged(() -> "readlink(node=" + node + ")", () -> delegate.readlink(ctx, node), LoggingFileSystem::n);
    }

    @Override
    public EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name) throws FsException {
        return logged(() -> "symlink(target=" + n(target) + ", parent=" + parent + ", name=" + n(name) + ")",
                () -> delegate.symlink(ctx, target, parent, name), LoggingFileSystem::entry);
    }

    @Override
    public EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask) throws FsException {
        return logged(() -> "mknod(parent=" + parent + ", name=" + n(name) + ", mode=0" + Integer.toOctalString(mode)
                + ", rdev=" + rdev + ", umask=0" + Integer.toOctalString(umask) + ")",
                () -> delegate.mknod(ctx, parent, name, mode, rdev, umask), LoggingFileSystem::entry);
    }

    @Override
    public EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask) throws FsException {
        return logged(() -> "mkdir(parent=" + parent + ", name=" + n(name) + ", mode=0" + Integer.toOctalString(mode)
                + ", umask=0" + Integer.toOctalString(umask) + ")",
                () -> delegate.mkdir(ctx, parent, name, mode, umask), LoggingFileSystem::entry);
    }

    @Override
    public void unlink(Context ctx, long parent, byte[] name) throws FsException {
        logged(() -> "unlink(parent=" + parent + ", name=" + n(name) + ")", () -> delegate.unlink(ctx, parent, name));
    }

    @Override
    public void rmdir(Context ctx, long parent, byte[] name) throws FsException {
        logged(() -> "rmdir(parent=" + parent + ", name=" + n(name) + ")", () -> delegate.rmdir(ctx, parent, name));
    }

    @Override
    public void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName, int flags)
            throws FsException {
        logged(() -> "rename(parent=" + oldParent + ", name=" + n(oldName) + ", newparent=" + newParent + ", newname="
                + n(newName) + ", flags=" + flags + ")",
                () -> delegate.rename(ctx, oldParent, oldName, newParent, newName, flags));
    }

    @Override
    public EntryOut link(Context ctx, long node, long newParent, byte[] newName) throws FsException {
        return logged(() -> "link(node=" + node + ", newparent=" + newParent + ", newname=" + n(newName) + ")",
                () -> delegate.link(ctx, node, newParent, newName), LoggingFileSystem::entry);
    }

    @Override
    public Opened open(Context ctx, long node, int flags) throws FsException {
        return logged(() -> "open(node=" + node + ", flags=0" + Integer.toOctalString(flags) + ")",
                () -> delegate.open(ctx, node, flags), LoggingFileSystem::opened);
    }

    @Override
    public long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException {
        return logged(() -> "read(node=" + node + ", fh=" + fh + ", offset=" + offset + ", size="
                + Integer.toUnsignedString(size) + ")", () -> delegate.read(ctx, node, fh, offset, size, out),
                n -> n + " bytes");
    }

    @Override
    public long write(Context ctx, long node, long fh, long offset, int size, ChainReader in, int writeFlags)
            throws FsException {
        return logged(() -> "write(node=" + node + ", fh=" + fh + ", offset=" + offset + ", size="
                + Integer.toUnsignedString(size) + ", write_flags=0x" + Integer.toHexString(writeFlags) + ")",
                () -> delegate.write(ctx, node, fh, offset, size, in, writeFlags), n -> n + " bytes");
    }

    @Override
    public Kstatfs statfs(Context ctx, long node) throws FsException {
        return logged(() -> "statfs(node=" + node + ")", () -> delegate.statfs(ctx, node), Kstatfs::toString);
    }

    @Override
    public void release(Context ctx, long node, long fh, int flags) throws FsException {
        logged(() -> "release(node=" + node + ", fh=" + fh + ")", () -> delegate.release(ctx, node, fh, flags));
    }

    @Override
    public void flush(Context ctx, long node, long fh) throws FsException {
        logged(() -> "flush(node=" + node + ", fh=" + fh + ")", () -> delegate.flush(ctx, node, fh));
    }

    @Override
    public void fsync(Context ctx, long node, long fh, boolean datasync) throws FsException {
        logged(() -> "fsync(node=" + node + ", fh=" + fh + ", datasync=" + datasync + ")",
                () -> delegate.fsync(ctx, node, fh, datasync));
    }

    @Override
    public void setxattr(Context ctx, long node, byte[] name, byte[] value, int flags) throws FsException {
        logged(() -> "setxattr(node=" + node + ", name=" + n(name) + ", size=" + value.length + ", flags=" + flags + ")",
                () -> delegate.setxattr(ctx, node, name, value, flags));
    }

    @Override
    public byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
        return logged(() -> "getxattr(node=" + node + ", name=" + n(name) + ")",
                () -> delegate.getxattr(ctx, node, name), v -> v.length + " bytes");
    }

    @Override
    public byte[] listxattr(Context ctx, long node) throws FsException {
        return logged(() -> "listxattr(node=" + node + ")", () -> delegate.listxattr(ctx, node),
                v -> v.length + " bytes");
    }

    @Override
    public void removexattr(Context ctx, long node, byte[] name) throws FsException {
        logged(() -> "removexattr(node=" + node + ", name=" + n(name) + ")",
                () -> delegate.removexattr(ctx, node, name));
    }

    @Override
    public Opened opendir(Context ctx, long node, int flags) throws FsException {
        return logged(() -> "opendir(node=" + node + ", flags=0" + Integer.toOctalString(flags) + ")",
                () -> delegate.opendir(ctx, node, flags), LoggingFileSystem::opened);
    }

    /** Counts the entries the sink accepted, so the log says how many went out. */
    @Override
    public void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException {
        int[] accepted = new int[1];
        DirectorySink counting = new DirectorySink() {
            @Override
            public boolean add(Dirent dirent, EntryOut entry) {
                boolean ok = sink.add(dirent, entry);
                if (ok) {
                    accepted[0]++;
                }
                return ok;
            }

            @Override
            public boolean plus() {
                return sink.plus();
            }
        };
        logged(() -> (sink.plus() ? "readdirplus" : "readdir") + "(node=" + node + ", fh=" + fh + ", offset=" + offset
                + ")", () -> {
                    delegate.readdir(ctx, node, fh, offset, counting);
                    return null;
                }, v -> accepted[0] + " entries");
    }

    @Override
    public void releasedir(Context ctx, long node, long fh) throws FsException {
        logged(() -> "releasedir(node=" + node + ", fh=" + fh + ")", () -> delegate.releasedir(ctx, node, fh));
    }

    @Override
    public void fsyncdir(Context ctx, long node, long fh, boolean datasync) throws FsException {
        logged(() -> "fsyncdir(node=" + node + ", fh=" + fh + ", datasync=" + datasync + ")",
                () -> delegate.fsyncdir(ctx, node, fh, datasync));
    }

    @Override
    public void access(Context ctx, long node, int mask) throws FsException {
        logged(() -> "access(node=" + node + ", mask=0" + Integer.toOctalString(mask) + ")",
                () -> delegate.access(ctx, node, mask));
    }

    @Override
    public Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask) throws FsException {
        return logged(() -> "create(parent=" + parent + ", name=" + n(name) + ", flags=0" + Integer.toOctalString(flags)
                + ", mode=0" + Integer.toOctalString(mode) + ", umask=0" + Integer.toOctalString(umask) + ")",
                () -> delegate.create(ctx, parent, name, flags, mode, umask),
                c -> entry(c.entry()) + " " + opened(c.opened()));
    }

    @Override
    public void fallocate(Context ctx, long node, long fh, int mode, long offset, long length) throws FsException {
        logged(() -> "fallocate(node=" + node + ", fh=" + fh + ", mode=" + mode + ", offset=" + offset + ", length="
                + length + ")", () -> delegate.fallocate(ctx, node, fh, mode, offset, length));
    }

    @Override
    public long lseek(Context ctx, long node, long fh, long offset, int whence) throws FsException {
        return logged(() -> "lseek(node=" + node + ", fh=" + fh + ", offset=" + offset + ", whence=" + whence + ")",
                () -> delegate.lseek(ctx, node, fh, offset, whence), String::valueOf);
    }

    @Override
    public long copyFileRange(Context ctx, long nodeIn, long fhIn, long offsetIn, long nodeOut, long fhOut,
            long offsetOut, long length, long flags) throws FsException {
        return logged(() -> "copy_file_range(node=" + nodeIn + ", fh=" + fhIn + ", offset=" + offsetIn + " -> node="
                + nodeOut + ", fh=" + fhOut + ", offset=" + offsetOut + ", length=" + length + ")",
                () -> delegate.copyFileRange(ctx, nodeIn, fhIn, offsetIn, nodeOut, fhOut, offsetOut, length, flags),
                n -> n + " bytes");
    }

    @Override
    public void syncfs(Context ctx, long node) throws FsException {
        logged(() -> "syncfs(node=" + node + ")", () -> delegate.syncfs(ctx, node));
    }
}
