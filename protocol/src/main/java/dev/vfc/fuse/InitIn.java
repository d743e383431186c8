package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct fuse_init_in}, 64 bytes since 7.36; before that only the first 16
 * ({@link #SIZE_COMPAT}), which is what OVMF's VirtioFsDxe still sends.
 * Offsets: major 0, minor 4, max_readahead 8, flags 12, flags2 16, unused[11] 20..63.
 */
public record InitIn(int major, int minor, int maxReadahead, int flags, int flags2) implements FuseStruct {

    public static final int SIZE = 64;
    /** The pre-7.36 body: major, minor, max_readahead, flags. */
    public static final int SIZE_COMPAT = 16;

    /** Splits a 64-bit {@link FuseInitFlags} set into the two wire fields. */
    public static InitIn of(int major, int minor, int maxReadahead, long flags) {
        return new InitIn(major, minor, maxReadahead, FuseInitFlags.low(flags), FuseInitFlags.high(flags));
    }

    /** Both flag words as one set, honouring flags2 only under INIT_EXT. */
    public long allFlags() {
        return FuseInitFlags.combine(flags, flags2);
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(major).putInt(minor).putInt(maxReadahead).putInt(flags).putInt(flags2);
        Wire.zeros(b, 44);
    }

    /**
     * Writes only the first {@code bodyLength} bytes (0..64) of the struct, e.g. 16 to
     * mimic an old kernel or OVMF, or an odd length for hostile tests.
     */
    public void encodeTo(ByteBuffer b, int bodyLength) {
        Wire.checkPrefix(bodyLength, 0, SIZE, "fuse_init_in");
        Wire.beginEncode(b, bodyLength);
        b.put(toBytes(), 0, bodyLength);
    }

    public static InitIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_init_in");
        InitIn in = new InitIn(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt());
        Wire.skip(b, 44);
        return in;
    }

    /**
     * Decodes a body of {@code bodyLength} bytes, as fuse_in_header.len announced it. Fields
     * beyond a short body read as zero; at least {@link #SIZE_COMPAT} bytes are required.
     * Consumes {@code min(bodyLength, SIZE)} bytes; anything longer is left to the caller.
     */
    public static InitIn decode(ByteBuffer b, int bodyLength) {
        Wire.requireLittleEndian(b);
        if (bodyLength < SIZE_COMPAT) {
            throw new FuseDecodeException("fuse_init_in body of " + bodyLength + " bytes is shorter than "
                    + SIZE_COMPAT);
        }
        int take = Math.min(bodyLength, SIZE);
        Wire.beginDecode(b, take, "fuse_init_in");
        byte[] full = new byte[SIZE];
        b.get(full, 0, take);
        return decode(ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public String toString() {
        return "InitIn[" + Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor)
                + ", maxReadahead=" + Integer.toUnsignedString(maxReadahead)
                + ", flags=" + FuseInitFlags.describe(
                        Integer.toUnsignedLong(flags) | Integer.toUnsignedLong(flags2) << 32)
                + "]";
    }
}
