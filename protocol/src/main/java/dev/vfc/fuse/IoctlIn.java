package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_ioctl_in}, 32 bytes. IOCTL body, followed by in_size bytes of input; flags are {@link
 * IoctlFlags}.
 *
 * <p>Offsets: fh 0, flags 8, cmd 12, arg 16, in_size 24, out_size 28.
 */
public record IoctlIn(long fh, int flags, int cmd, long arg, int inSize, int outSize) implements FuseStruct {

    public static final int SIZE = 32;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putInt(flags);
        b.putInt(cmd);
        b.putLong(arg);
        b.putInt(inSize);
        b.putInt(outSize);
    }

    public static IoctlIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_ioctl_in");
        long fh = b.getLong();
        int flags = b.getInt();
        int cmd = b.getInt();
        long arg = b.getLong();
        int inSize = b.getInt();
        int outSize = b.getInt();
        return new IoctlIn(fh, flags, cmd, arg, inSize, outSize);
    }
}
