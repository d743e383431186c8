package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_open_out}, 16 bytes. The reply to OPEN and OPENDIR (and second part of CREATE);
 * open_flags are {@link FopenFlags}.
 *
 * <p>Offsets: fh 0, open_flags 8, padding 12 (pad).
 */
public record OpenOut(long fh, int openFlags) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putInt(openFlags);
        Wire.zeros(b, 4);
    }

    public static OpenOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_open_out");
        long fh = b.getLong();
        int openFlags = b.getInt();
        Wire.skip(b, 4);
        return new OpenOut(fh, openFlags);
    }
}
