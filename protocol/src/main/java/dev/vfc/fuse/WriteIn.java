package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_write_in}, 40 bytes. WRITE body, followed by the data; write_flags are {@link
 * WriteFlags}.
 *
 * <p>Offsets: fh 0, offset 8, size 16, write_flags 20, lock_owner 24, flags 32, padding 36 (pad).
 */
public record WriteIn(
        long fh,
        long offset,
        int size,
        int writeFlags,
        long lockOwner,
        int flags) implements FuseStruct {

    public static final int SIZE = 40;
    /** FUSE_COMPAT_WRITE_IN_SIZE: without lock_owner and flags (minor &lt; 9). */
    public static final int COMPAT_SIZE = 24;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putLong(offset);
        b.putInt(size);
        b.putInt(writeFlags);
        b.putLong(lockOwner);
        b.putInt(flags);
        Wire.zeros(b, 4);
    }

    public static WriteIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_write_in");
        long fh = b.getLong();
        long offset = b.getLong();
        int size = b.getInt();
        int writeFlags = b.getInt();
        long lockOwner = b.getLong();
        int flags = b.getInt();
        Wire.skip(b, 4);
        return new WriteIn(fh, offset, size, writeFlags, lockOwner, flags);
    }
}
