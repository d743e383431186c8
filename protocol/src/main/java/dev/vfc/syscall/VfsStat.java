package dev.vfc.syscall;

/**
 * What fstatvfs(3) reports about a filesystem, read out of x86_64 {@code struct statvfs}
 * (112 bytes: f_bsize@0, f_frsize@8, f_blocks@16, f_bfree@24, f_bavail@32, f_files@40,
 * f_ffree@48, f_favail@56, f_fsid@64, f_flag@72, f_namemax@80, then spare).
 */
public record VfsStat(
        long bsize,
        long frsize,
        long blocks,
        long bfree,
        long bavail,
        long files,
        long ffree,
        long favail,
        long flag,
        long namemax) {
}
