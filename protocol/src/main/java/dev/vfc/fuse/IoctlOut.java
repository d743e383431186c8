package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_ioctl_out}, 16 bytes. The reply to IOCTL; result is the ioctl's signed return value.
 *
 * <p>Offsets: result 0 (s32), flags 4, in_iovs 8, out_iovs 12.
 */
public record IoctlOut(int result, int flags, int inIovs, int outIovs) implements FuseStruct {

    public static final int SIZE = 16;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(result);
        b.putInt(flags);
        b.putInt(inIovs);
        b.putInt(outIovs);
    }

    public static IoctlOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_ioctl_out");
        return new IoctlOut(b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }
}
