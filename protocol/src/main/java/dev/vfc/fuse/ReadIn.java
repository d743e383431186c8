package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_read_in}, 40 bytes. READ, READDIR and READDIRPLUS body; read_flags are {@link
 * ReadFlags}, flags are the open(2) flags.
 *
 * <p>Offsets: fh 0, offset 8, size 16, read_flags 20, lock_owner 24, flags 32, padding 36 (pad).
 */
public record ReadIn(
        long fh,
        long offset,
        int size,
        int readFlags,
        long lockOwner,
        int flags) implements FuseStruct {

    public static final int SIZE = 40;

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
        b.putInt(readFlags);
        b.putLong(lockOwner);
        b.putInt(flags);
        Wire.zeros(b, 4);
    }

    public static ReadIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_read_in");
        long fh = b.getLong();
        long offset = b.getLong();
        int size = b.getInt();
        int readFlags = b.getInt();
        long lockOwner = b.getLong();
        int flags = b.getInt();
        Wire.skip(b, 4);
        return new ReadIn(fh, offset, size, readFlags, lockOwner, flags);
    }
}
