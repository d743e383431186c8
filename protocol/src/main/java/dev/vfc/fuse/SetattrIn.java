package dev.vfc.fuse;

import java.nio.ByteBuffer;

/**
 * {@code struct fuse_setattr_in}, 88 bytes. SETATTR body; {@code valid} ({@link FattrFlags}) says which
 * fields count.
 *
 * <p>Offsets: valid 0, padding 4 (pad), fh 8, size 16, lock_owner 24, atime 32, mtime 40, ctime 48, atimensec
 * 56, mtimensec 60, ctimensec 64, mode 68, unused4 72 (pad), uid 76, gid 80, unused5 84 (pad).
 */
public record SetattrIn(
        int valid,
        long fh,
        long size,
        long lockOwner,
        long atime,
        long mtime,
        long ctime,
        int atimensec,
        int mtimensec,
        int ctimensec,
        int mode,
        int uid,
        int gid) implements FuseStruct {

    public static final int SIZE = 88;

    @Override
    public int wireSize() {
        return SIZE;
    }

    @Override
    public void encodeTo(ByteBuffer b) {
        Wire.beginEncode(b, SIZE);
        b.putInt(valid);
        Wire.zeros(b, 4);
        b.putLong(fh);
        b.putLong(size);
        b.putLong(lockOwner);
        b.putLong(atime);
        b.putLong(mtime);
        b.putLong(ctime);
        b.putInt(atimensec);
        b.putInt(mtimensec);
        b.putInt(ctimensec);
        b.putInt(mode);
        Wire.zeros(b, 4);
        b.putInt(uid);
        b.putInt(gid);
        Wire.zeros(b, 4);
    }

    public static SetattrIn decode(ByteBuffer b) {
        Wire.beginDecode(b, SIZE, "fuse_setattr_in");
        int valid = b.getInt();
        Wire.skip(b, 4);
        long fh = b.getLong();
        long size = b.getLong();
        long lockOwner = b.getLong();
        long atime = b.getLong();
        long mtime = b.getLong();
        long ctime = b.getLong();
        int atimensec = b.getInt();
        int mtimensec = b.getInt();
        int ctimensec = b.getInt();
        int mode = b.getInt();
        Wire.skip(b, 4);
        int uid = b.getInt();
        int gid = b.getInt();
        Wire.skip(b, 4);
        return new SetattrIn(valid, fh, size, lockOwner, atime, mtime, ctime, atimensec, mtimensec, ctimensec, mode,
                uid, gid);
    }
}
