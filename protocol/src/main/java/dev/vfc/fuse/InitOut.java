package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct fuse_init_out}, 64 bytes in 7.38. The kernel accepts shorter replies
 * from daemons speaking older minors, see {@link #replySize(int)}.
 * Offsets: major 0, minor 4, max_readahead 8, flags 12, max_background (u16) 16,
 * congestion_threshold (u16) 18, max_write 20, time_gran 24, max_pages (u16) 28,
 * map_alignment (u16) 30, flags2 32, unused[7] 36..63.
 */
public record InitOut(int major, int minor, int maxReadahead, int flags, int maxBackground,
        int congestionThreshold, int maxWrite, int timeGran, int maxPages, int mapAlignment, int flags2)
        implements FuseStruct {

    public static final int SIZE = 64;
    /** FUSE_COMPAT_INIT_OUT_SIZE: major and minor only (minor &lt; 5). */
    public static final int COMPAT_SIZE = 8;
    /** FUSE_COMPAT_22_INIT_OUT_SIZE: through max_write; time_gran onwards came with 7.23. */
    public static final int COMPAT_22_SIZE = 24;

    public InitOut {
        Wire.checkU16(maxBackground, "max_background");
        Wire.checkU16(congestionThreshold, "congestion_threshold");
        Wire.checkU16(maxPages, "max_pages");
        Wire.checkU16(mapAlignment, "map_alignment");
    }

    /** The reply length a daemon negotiating {@code minor} sends. */
    public static int replySize(int minor) {
        if (minor < 5) {
            return COMPAT_SIZE;
        }
        if (minor < 23) {
            return COMPAT_22_SIZE;
        }
        return SIZE;
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
        b.putInt(major).putInt(minor).putInt(maxReadahead).putInt(flags);
        Wire.putU16(b, maxBackground);
        Wire.putU16(b, congestionThreshold);
        b.putInt(maxWrite).putInt(timeGran);
        Wire.putU16(b, maxPages);
        Wire.putU16(b, mapAlignment);
        b.putInt(flags2);
        Wire.zeros(b, 28);
    }

    /** Writes only the first {@code size} bytes (0..64), e.g. {@code replySize(minor)}. */
    public void encodeTo(ByteBuffer b, int size) {
        Wire.checkPrefix(size, 0, SIZE, "fuse_init_out");
        Wire.beginEncode(b, size);
        b.put(toBytes(), 0, size);
    }

    public static InitOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_init_out");
        InitOut out = new InitOut(b.getInt(), b.getInt(), b.getInt(), b.getInt(), Wire.getU16(b), Wire.getU16(b),
                b.getInt(), b.getInt(), Wire.getU16(b), Wire.getU16(b), b.getInt());
        Wire.skip(b, 28);
        return out;
    }

    /**
     * Decodes a reply body of {@code size} bytes; fields past a short reply read as zero.
     * At least {@link #COMPAT_SIZE} bytes are required; consumes {@code min(size, SIZE)}.
     */
    public static InitOut decode(ByteBuffer b, int size) {
        Wire.requireLittleEndian(b);
        if (size < COMPAT_SIZE) {
            throw new FuseDecodeException("fuse_init_out of " + size + " bytes is shorter than " + COMPAT_SIZE);
        }
        int take = Math.min(size, SIZE);
        Wire.beginDecode(b, take, "fuse_init_out");
        byte[] full = new byte[SIZE];
        b.get(full, 0, take);
        return decode(ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public String toString() {
        return "InitOut[" + Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor)
                + ", maxReadahead=" + Integer.toUnsignedString(maxReadahead)
                + ", flags=" + FuseInitFlags.describe(
                        Integer.toUnsignedLong(flags) | Integer.toUnsignedLong(flags2) << 32)
                + ", maxBackground=" + maxBackground + ", congestionThreshold=" + congestionThreshold
                + ", maxWrite=" + Integer.toUnsignedString(maxWrite)
                + ", timeGran=" + Integer.toUnsignedString(timeGran)
                + ", maxPages=" + maxPages + ", mapAlignment=" + mapAlignment + "]";
    }
}
