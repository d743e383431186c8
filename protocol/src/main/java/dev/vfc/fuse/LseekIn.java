package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_lseek_in}, 24 bytes. LSEEK body; whence is SEEK_SET/CUR/END/DATA/HOLE.
 *
 * <p>Offsets: fh 0, offset 8, whence 16, padding 20 (pad).
 */
public record LseekIn(long fh, long offset, int whence) implements FuseStruct {

    public static final int SIZE = 24;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putLong(offset);
        b.putInt(whence);
        Wire.zeros(b, 4);
    }

    public static LseekIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_lseek_in");
        long fh = b.getLong();
        long offset = b.getLong();
        int whence = b.getInt();
        Wire.skip(b, 4);
        return new LseekIn(fh, offset, whence);
    }
}
