package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_attr}, 88 bytes. The inode attributes inside entry and attr replies; times are seconds
 * plus a separate nanosecond field.
 *
 * <p>Offsets: ino 0, size 8, blocks 16, atime 24, mtime 32, ctime 40, atimensec 48, mtimensec 52, ctimensec
 * 56, mode 60, nlink 64, uid 68, gid 72, rdev 76, blksize 80, flags 84.
 */
public record Attr(
        long ino,
        long size,
        long blocks,
        long atime,
        long mtime,
        long ctime,
        int atimensec,
        int mtimensec,
        int ctimensec,
        int mode,
        int nlink,
        int uid,
        int gid,
        int rdev,
        int blksize,
        int flags) implements FuseStruct {

    public static final int SIZE = 88;
    /** Size before 7.9 added blksize and padding (now flags); see FUSE_COMPAT_ATTR_OUT_SIZE. */
    public static final int COMPAT_SIZE = 80;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putLong(ino);
        b.putLong(size);
        b.putLong(blocks);
        b.putLong(atime);
        b.putLong(mtime);
        b.putLong(ctime);
        b.putInt(atimensec);
        b.putInt(mtimensec);
        b.putInt(ctimensec);
        b.putInt(mode);
        b.putInt(nlink);
        b.putInt(uid);
        b.putInt(gid);
        b.putInt(rdev);
        b.putInt(blksize);
        b.putInt(flags);
    }

    public static Attr decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_attr");
        long ino = b.getLong();
        long size = b.getLong();
        long blocks = b.getLong();
        long atime = b.getLong();
        long mtime = b.getLong();
        long ctime = b.getLong();
        int atimensec = b.getInt();
        int mtimensec = b.getInt();
        int ctimensec = b.getInt();
        int mode = b.getInt();
        int nlink = b.getInt();
        int uid = b.getInt();
        int gid = b.getInt();
        int rdev = b.getInt();
        int blksize = b.getInt();
        int flags = b.getInt();
        return new Attr(ino, size, blocks, atime, mtime, ctime, atimensec, mtimensec, ctimensec, mode, nlink, uid,
                gid, rdev, blksize, flags);
    }
}
