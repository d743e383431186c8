package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_removemapping_one}, 16 bytes. One range of a REMOVEMAPPING body.
 *
 * <p>Offsets: moffset 0, len 8.
 */
public record RemovemappingOne(long moffset, long len) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(moffset);
        b.putLong(len);
    }

    public static RemovemappingOne decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_removemapping_one");
        return new RemovemappingOne(b.getLong(), b.getLong());
    }
}
