package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_getattr_in}, 16 bytes. GETATTR body; fh only counts when getattr_flags has {@link
 * GetattrFlags#FH}.
 *
 * <p>Offsets: getattr_flags 0, dummy 4 (pad), fh 8.
 */
public record GetattrIn(int getattrFlags, long fh) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(getattrFlags);
        Wire.zeros(b, 4);
        b.putLong(fh);
    }

    public static GetattrIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_getattr_in");
        int getattrFlags = b.getInt();
        Wire.skip(b, 4);
        long fh = b.getLong();
        return new GetattrIn(getattrFlags, fh);
    }
}
