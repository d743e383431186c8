package dev.vfc.fuse;

/**
 * Bits of fuse_open_out.open_flags: how the kernel should cache and position an opened file.
 */
public final class FopenFlags {
    private FopenFlags() {
    }

    /** FOPEN_DIRECT_IO: bypass the page cache. */
    public static final int DIRECT_IO = 1 << 0;
    /** FOPEN_KEEP_CACHE: don't invalidate the data cache on open. */
    public static final int KEEP_CACHE = 1 << 1;
    /** FOPEN_NONSEEKABLE. */
    public static final int NONSEEKABLE = 1 << 2;
    /** FOPEN_CACHE_DIR: allow caching this directory. */
    public static final int CACHE_DIR = 1 << 3;
    /** FOPEN_STREAM: no file position at all. */
    public static final int STREAM = 1 << 4;
    /** FOPEN_NOFLUSH: don't flush the data cache on close. */
    public static final int NOFLUSH = 1 << 5;
    /** FOPEN_PARALLEL_DIRECT_WRITES: allow concurrent direct writes on one inode. */
    public static final int PARALLEL_DIRECT_WRITES = 1 << 6;

    private static final FlagNames NAMES = new FlagNames()
            .add(DIRECT_IO, "DIRECT_IO")
            .add(KEEP_CACHE, "KEEP_CACHE")
            .add(NONSEEKABLE, "NONSEEKABLE")
            .add(CACHE_DIR, "CACHE_DIR")
            .add(STREAM, "STREAM")
            .add(NOFLUSH, "NOFLUSH")
            .add(PARALLEL_DIRECT_WRITES, "PARALLEL_DIRECT_WRITES");

    /** The set bits by name, unknown bits in hex; {@code 0} when empty. */
    public static String describe(int flags) {
        return NAMES.describe(Integer.toUnsignedLong(flags));
    }
}
