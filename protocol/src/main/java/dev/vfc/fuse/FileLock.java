package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_file_lock}, 24 bytes. A POSIX lock range as GETLK/SETLK carry it; pid is the owner's
 * tgid.
 *
 * <p>Offsets: start 0, end 8, type 16, pid 20.
 */
public record FileLock(long start, long end, int type, int pid) implements FuseStruct {

    public static final int SIZE = 24;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(start);
        b.putLong(end);
        b.putInt(type);
        b.putInt(pid);
    }

    public static FileLock decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_file_lock");
        return new FileLock(b.getLong(), b.getLong(), b.getInt(), b.getInt());
    }
}
