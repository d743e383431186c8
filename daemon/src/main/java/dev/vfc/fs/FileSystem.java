package dev.vfc.fs;

import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.SetattrIn;

/**
 * One method per FUSE operation, with typed arguments and results; the server decodes and
 * validates the wire request, calls one of these, and encodes the result or the errno. The
 * rules each method must keep are the FUSE protocol's as Linux implements it
 * (include/uapi/linux/fuse.h 7.38, fs/fuse/*.c).
 *
 * <p>Node ids are the ones the filesystem handed out in {@link EntryOut#nodeid()}; 1 is the
 * root. Every successful lookup-type reply (LOOKUP, MKNOD, MKDIR, SYMLINK, LINK, CREATE, and
 * each READDIRPLUS entry with a nonzero nodeid) adds one to that node's lookup count, and
 * FORGET subtracts; a node lives until its count reaches 0. Names arrive as raw bytes without
 * the terminating NUL and have already been checked by the server to be non-empty.
 *
 * <p>A method that is not supported throws {@link FsException} with ENOSYS. Defaults do that.
 */
public interface FileSystem {

    /**
     * Called once per INIT; returns the subset of {@code offered} FUSE_INIT flags (flags2 in
     * the high 32 bits) the filesystem wants enabled.
     */
    default long init(long offered) {
        return 0;
    }

    /** FUSE_DESTROY, or a second INIT: drop every node and handle; the session starts over. */
    default void destroy() {
    }

    EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException;

    /** FORGET and each BATCH_FORGET item; never replies, never fails. */
    void forget(long node, long nlookup);

    /** {@code fh} is the file handle when FUSE_GETATTR_FH was set, otherwise -1. */
    AttrOut getattr(Context ctx, long node, long fh) throws FsException;

    AttrOut setattr(Context ctx, long node, SetattrIn in) throws FsException;

    default byte[] readlink(Context ctx, long node) throws FsException {
        throw unsupported("READLINK");
    }

    default EntryOut symlink(Context ctx, byte[] target, long parent, byte[] name) throws FsException {
        throw unsupported("SYMLINK");
    }

    default EntryOut mknod(Context ctx, long parent, byte[] name, int mode, int rdev, int umask) throws FsException {
        throw unsupported("MKNOD");
    }

    EntryOut mkdir(Context ctx, long parent, byte[] name, int mode, int umask) throws FsException;

    void unlink(Context ctx, long parent, byte[] name) throws FsException;

    void rmdir(Context ctx, long parent, byte[] name) throws FsException;

    /** RENAME (flags 0) and RENAME2 (RENAME_NOREPLACE, RENAME_EXCHANGE, RENAME_WHITEOUT). */
    void rename(Context ctx, long oldParent, byte[] oldName, long newParent, byte[] newName, int flags)
            throws FsException;

    default EntryOut link(Context ctx, long node, long newParent, byte[] newName) throws FsException {
        throw unsupported("LINK");
    }

    /** {@code flags} are the guest's open(2) flags. */
    Opened open(Context ctx, long node, int flags) throws FsException;

    /**
     * Reads at most {@code size} bytes at {@code offset} straight into {@code out}
     * ({@link ChainWriter#readFrom}); fewer only at end of file.
     *
     * @return bytes read
     */
    long read(Context ctx, long node, long fh, long offset, int size, ChainWriter out) throws FsException;

    /**
     * Writes exactly {@code size} bytes taken from {@code in} ({@link ChainReader#writeTo}).
     *
     * @return bytes written
     */
    long write(Context ctx, long node, long fh, long offset, int size, ChainReader in, int writeFlags)
            throws FsException;

    Kstatfs statfs(Context ctx, long node) throws FsException;

    void release(Context ctx, long node, long fh, int flags) throws FsException;

    default void flush(Context ctx, long node, long fh) throws FsException {
    }

    default void fsync(Context ctx, long node, long fh, boolean datasync) throws FsException {
    }

    default void setxattr(Context ctx, long node, byte[] name, byte[] value, int flags) throws FsException {
        throw unsupported("SETXATTR");
    }

    /** With {@code size} 0 returns only the value's length (as an empty array's size is useless, see server). */
    default byte[] getxattr(Context ctx, long node, byte[] name) throws FsException {
        throw unsupported("GETXATTR");
    }

    /** The NUL-separated name list. */
    default byte[] listxattr(Context ctx, long node) throws FsException {
        throw unsupported("LISTXATTR");
    }

    default void removexattr(Context ctx, long node, byte[] name) throws FsException {
        throw unsupported("REMOVEXATTR");
    }

    Opened opendir(Context ctx, long node, int flags) throws FsException;

    /**
     * Offers entries starting after cookie {@code offset} (0 = from the start) to {@code sink}
     * until it refuses one or the directory ends. Each entry's {@code off} is the cookie of the
     * entry after it, and must be accepted again later (OVMF re-seeks to handed-out cookies).
     */
    void readdir(Context ctx, long node, long fh, long offset, DirectorySink sink) throws FsException;

    void releasedir(Context ctx, long node, long fh) throws FsException;

    default void fsyncdir(Context ctx, long node, long fh, boolean datasync) throws FsException {
    }

    default void access(Context ctx, long node, int mask) throws FsException {
        throw unsupported("ACCESS");
    }

    Created create(Context ctx, long parent, byte[] name, int flags, int mode, int umask) throws FsException;

    default void fallocate(Context ctx, long node, long fh, int mode, long offset, long length) throws FsException {
        throw unsupported("FALLOCATE");
    }

    default long lseek(Context ctx, long node, long fh, long offset, int whence) throws FsException {
        throw unsupported("LSEEK");
    }

    default long copyFileRange(Context ctx, long nodeIn, long fhIn, long offsetIn, long nodeOut, long fhOut,
            long offsetOut, long length, long flags) throws FsException {
        throw unsupported("COPY_FILE_RANGE");
    }

    default void syncfs(Context ctx, long node) throws FsException {
        throw unsupported("SYNCFS");
    }

    static FsException unsupported(String op) {
        return new FsException(38, op + " is not supported");
    }
}
