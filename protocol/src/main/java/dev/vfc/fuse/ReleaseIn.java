package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_release_in}, 24 bytes. RELEASE and RELEASEDIR body; release_flags are {@link
 * ReleaseFlags}.
 *
 * <p>Offsets: fh 0, flags 8, release_flags 12, lock_owner 16.
 */
public record ReleaseIn(long fh, int flags, int releaseFlags, long lockOwner) implements FuseStruct {

    public static final int SIZE = 24;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putInt(flags);
        b.putInt(releaseFlags);
        b.putLong(lockOwner);
    }

    public static ReleaseIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_release_in");
        return new ReleaseIn(b.getLong(), b.getInt(), b.getInt(), b.getLong());
    }
}
