package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_rename_in}, 8 bytes. RENAME body, followed by the old and the new name.
 *
 * <p>Offsets: newdir 0.
 */
public record RenameIn(long newdir) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(newdir);
    }

    public static RenameIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_rename_in");
        return new RenameIn(b.getLong());
    }
}
