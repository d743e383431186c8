package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_ext_header}, 8 bytes. Head of a request extension (counted in
 * fuse_in_header.total_extlen); size includes this header.
 *
 * <p>Offsets: size 0, type 4.
 */
public record ExtHeader(int size, int type) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(size);
        b.putInt(type);
    }

    public static ExtHeader decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_ext_header");
        return new ExtHeader(b.getInt(), b.getInt());
    }
}
