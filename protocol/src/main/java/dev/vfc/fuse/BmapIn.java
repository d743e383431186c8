package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_bmap_in}, 16 bytes. BMAP body.
 *
 * <p>Offsets: block 0, blocksize 8, padding 12 (pad).
 */
public record BmapIn(long block, int blocksize) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(block);
        b.putInt(blocksize);
        Wire.zeros(b, 4);
    }

    public static BmapIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_bmap_in");
        long block = b.getLong();
        int blocksize = b.getInt();
        Wire.skip(b, 4);
        return new BmapIn(block, blocksize);
    }
}
