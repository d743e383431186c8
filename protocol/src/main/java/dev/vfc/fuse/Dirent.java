package dev.vfc.fuse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code struct fuse_dirent}: a 24-byte head followed by the name and zero padding to a
 * multiple of 8 (see {@link DirentStream}). Offsets: ino 0, off 8, namelen 16, type 20,
 * name 24. {@code off} is the cookie the kernel passes back to continue after this entry;
 * {@code type} is a DT_* value (mode &gt;&gt; 12). namelen is the name's length, so it
 * cannot disagree with the bytes.
 *
 * <p>The name is bytes because Linux names are; the array is copied in and out.
 */
public record Dirent(long ino, long off, int type, byte[] name) {

    /** FUSE_NAME_OFFSET: where the name starts. */
    public static final int NAME_OFFSET = 24;

    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    public Dirent {
        name = Objects.requireNonNull(name, "name").clone();
    }

    public static Dirent of(long ino, long off, int type, String name) {
        return new Dirent(ino, off, type, name.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    /** fuse_dirent.namelen. */
    public int namelen() {
        return name.length;
    }

    /** The name decoded as UTF-8, for assertions and logs. */
    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    /** Bytes this entry takes in a READDIR reply, padding included. */
    public int recordLength() {
        return DirentStream.recordLength(name.length, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dirent d && ino == d.ino && off == d.off && type == d.type && Arrays.equals(name, d.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ino, off, type, Arrays.hashCode(name));
    }

    @Override
    public String toString() {
        return "Dirent[ino=" + ino + ", off=" + off + ", type=" + type + ", name=\"" + nameString() + "\"]";
    }
}
