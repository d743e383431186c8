package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_flush_in}, 24 bytes. FLUSH body.
 *
 * <p>Offsets: fh 0, unused 8 (pad), padding 12 (pad), lock_owner 16.
 */
public record FlushIn(long fh, long lockOwner) implements FuseStruct {

    public static final int SIZE = 24;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        Wire.zeros(b, 4);
        Wire.zeros(b, 4);
        b.putLong(lockOwner);
    }

    public static FlushIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_flush_in");
        long fh = b.getLong();
        Wire.skip(b, 4);
        Wire.skip(b, 4);
        long lockOwner = b.getLong();
        return new FlushIn(fh, lockOwner);
    }
}
