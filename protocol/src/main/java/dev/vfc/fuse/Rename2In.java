package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_rename2_in}, 16 bytes. RENAME2 body, followed by the old and the new name; flags are
 * {@link RenameFlags}.
 *
 * <p>Offsets: newdir 0, flags 8, padding 12 (pad).
 */
public record Rename2In(long newdir, int flags) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(newdir);
        b.putInt(flags);
        Wire.zeros(b, 4);
    }

    public static Rename2In decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_rename2_in");
        long newdir = b.getLong();
        int flags = b.getInt();
        Wire.skip(b, 4);
        return new Rename2In(newdir, flags);
    }
}
