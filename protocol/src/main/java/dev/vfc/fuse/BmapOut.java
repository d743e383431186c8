package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_bmap_out}, 8 bytes. The reply to BMAP.
 *
 * <p>Offsets: block 0.
 */
public record BmapOut(long block) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(block);
    }

    public static BmapOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_bmap_out");
        return new BmapOut(b.getLong());
    }
}
