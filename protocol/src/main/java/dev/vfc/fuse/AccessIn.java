package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_access_in}, 8 bytes. ACCESS body: an access(2) mask.
 *
 * <p>Offsets: mask 0, padding 4 (pad).
 */
public record AccessIn(int mask) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(mask);
        Wire.zeros(b, 4);
    }

    public static AccessIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_access_in");
        int mask = b.getInt();
        Wire.skip(b, 4);
        return new AccessIn(mask);
    }
}
