package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_setupmapping_in}, 40 bytes. SETUPMAPPING body (virtio-fs DAX window); flags are {@link
 * SetupmappingFlags}.
 *
 * <p>Offsets: fh 0, foffset 8, len 16, flags 24, moffset 32.
 */
public record SetupmappingIn(
        long fh,
        long foffset,
        long len,
        long flags,
        long moffset) implements FuseStruct {

    public static final int SIZE = 40;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putLong(foffset);
        b.putLong(len);
        b.putLong(flags);
        b.putLong(moffset);
    }

    public static SetupmappingIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_setupmapping_in");
        return new SetupmappingIn(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }
}
