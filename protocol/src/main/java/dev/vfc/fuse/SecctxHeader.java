package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_secctx_header}, 8 bytes. Head of the security-context extension (FUSE_SECURITY_CTX);
 * size covers all contexts and this header.
 *
 * <p>Offsets: size 0, nr_secctx 4.
 */
public record SecctxHeader(int size, int nrSecctx) implements FuseStruct {

    public static final int SIZE = 8;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(size);
        b.putInt(nrSecctx);
    }

    public static SecctxHeader decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_secctx_header");
        return new SecctxHeader(b.getInt(), b.getInt());
    }
}
