package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_getxattr_in}, 8 bytes. GETXATTR (followed by the name) and LISTXATTR body; size 0 asks
 * for the length only.
 *
 * <p>Offsets: size 0, padding 4 (pad).
 */
public record GetxattrIn(int size) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(size);
        Wire.zeros(b, 4);
    }

    public static GetxattrIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_getxattr_in");
        int size = b.getInt();
        Wire.skip(b, 4);
        return new GetxattrIn(size);
    }
}
