package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_out_header}, 16 bytes, in front of every reply.
 * Offsets: len 0, error (s32, 0 or a negative errno) 4, unique 8.
 */
public record FuseOutHeader(int len, int error, long unique) implements FuseStruct {

    public static final int SIZE = 16;

    /** A successful reply header for a body of {@code bodyLength} bytes. */
    public static FuseOutHeader ok(long unique, int bodyLength) {
        return new FuseOutHeader(SIZE + bodyLength, 0, unique);
    }

    /** An error reply: the kernel expects no body after a non-zero error. */
    public static FuseOutHeader failure(long unique, Errno errno) {
        return new FuseOutHeader(SIZE, errno.errorField(), unique);
    }

    public boolean isError() {
        return error != 0;
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        encode(b, len, error, unique);
    }

    /** Writes the 16 bytes of a header with these fields, for a writer that makes no record per reply. */
    public static void encode(ByteBuffer b, int len, int error, long unique) {
        Wire.beginEncode(b, SIZE);
        b.putInt(len).putInt(error).putLong(unique);
    }

    public static FuseOutHeader decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_out_header");
        return new FuseOutHeader(b.getInt(), b.getInt(), b.getLong());
    }

    @Override
    public String toString() {
        return "FuseOutHeader[len=" + Integer.toUnsignedString(len) + ", error=" + Errno.describe(error)
                + ", unique=" + unique + "]";
    }
}
