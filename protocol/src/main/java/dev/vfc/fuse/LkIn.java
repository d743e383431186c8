package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct fuse_lk_in}, 48 bytes. GETLK, SETLK and SETLKW body; lk_flags are {@link LkFlags}.
 *
 * <p>Offsets: fh 0, owner 8, lk 16 (FileLock, 24 bytes), lk_flags 40, padding 44 (pad).
 */
public record LkIn(long fh, long owner, FileLock lk, int lkFlags) implements FuseStruct {

    public static final int SIZE = 48;

    public LkIn {
        Objects.requireNonNull(lk, "lk");
    }

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(fh);
        b.putLong(owner);
        lk.encodeTo(b);
        b.putInt(lkFlags);
        Wire.zeros(b, 4);
    }

    public static LkIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_lk_in");
        long fh = b.getLong();
        long owner = b.getLong();
        FileLock lk = FileLock.decode(b);
        int lkFlags = b.getInt();
        Wire.skip(b, 4);
        return new LkIn(fh, owner, lk, lkFlags);
    }
}
