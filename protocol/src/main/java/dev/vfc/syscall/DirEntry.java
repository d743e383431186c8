package dev.vfc.syscall;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of getdents64(2) ({@code struct linux_dirent64}: d_ino@0 u64, d_off@8 s64,
 * d_reclen@16 u16, d_type@18 u8, d_name@19 NUL-terminated). {@code off} is the filesystem's
 * cookie for the position after this entry: lseek(fd, off, SEEK_SET) continues there.
 */
public record DirEntry(long ino, long off, int type, byte[] name) {

    public DirEntry {
        name = Objects.requireNonNull(name, "name").clone();
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    /** Whether the name is exactly {@code "."} or {@code ".."}. */
    public boolean isDotOrDotDot() {
        return (name.length == 1 && name[0] == '.') || (name.length == 2 && name[0] == '.' && name[1] == '.');
    }

    /** The name decoded as UTF-8, for logs and assertions. */
    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirEntry d && ino == d.ino && off == d.off && type == d.type && Arrays.equals(name, d.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ino, off, type, Arrays.hashCode(name));
    }

    @Override
    public String toString() {
        return "DirEntry[ino=" + ino + ", off=" + off + ", type=" + type + ", name=\"" + nameString() + "\"]";
    }
}
