package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct fuse_lk_out}, 24 bytes. The reply to GETLK.
 *
 * <p>Offsets: lk 0 (FileLock, 24 bytes).
 */
public record LkOut(FileLock lk) implements FuseStruct {

    public static final int SIZE = 24;

    public LkOut {
        Objects.requireNonNull(lk, "lk");
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        lk.encodeTo(b);
    }

    public static LkOut decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_lk_out");
        return new LkOut(FileLock.decode(b));
    }
}
