package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_getxattr_out}, 8 bytes. The reply to a GETXATTR or LISTXATTR with size 0: the length
 * needed.
 *
 * <p>Offsets: size 0, padding 4 (pad).
 */
public record GetxattrOut(int size) implements FuseStruct {

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

    public static GetxattrOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_getxattr_out");
        int size = b.getInt();
        Wire.skip(b, 4);
        return new GetxattrOut(size);
    }
}
