package dev.vfc.syscall;

/**
 * What fstatat(2) reports about one file, read out of x86_64 {@code struct stat} (144 bytes:
 * st_dev@0, st_ino@8, st_nlink@16, st_mode@24 (u32), st_uid@28, st_gid@32, st_rdev@40,
 * st_size@48, st_blksize@56, st_blocks@64, st_atim@72, st_mtim@88, st_ctim@104; each
 * timespec is 16 bytes, seconds then nanoseconds).
 *
 * <p>{@code rdev} is glibc's 64-bit dev_t; for majors below 4096 and minors below 2^20 its low
 * 32 bits equal the kernel's new_encode_dev form that FUSE carries.
 */
public record FileStat(
        long dev,
        long ino,
        long nlink,
        int mode,
        int uid,
        int gid,
        long rdev,
        long size,
        long blksize,
        long blocks,
        long atime,
        long atimeNsec,
        long mtime,
        long mtimeNsec,
        long ctime,
        long ctimeNsec) {

    /** The S_IFMT bits of {@link #mode()}: S_IFREG, S_IFDIR, S_IFLNK, ... (see {@link PosixFiles}). */
    public int type() {
        return mode & PosixFiles.S_IFMT;
    }

    public boolean isDirectory() {
        return type() == PosixFiles.S_IFDIR;
    }

    public boolean isRegularFile() {
        return type() == PosixFiles.S_IFREG;
    }

    public boolean isSymlink() {
        return type() == PosixFiles.S_IFLNK;
    }
}
