package dev.vfc.passthrough;

import dev.vfc.syscall.FileStat;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;

/**
 * {@code --killpriv-v2}: with FUSE_HANDLE_KILLPRIV_V2 granted (fuse.h 7.33) the guest kernel no
 * longer clears suid/sgid itself before a WRITE, a truncation or a chown by an unprivileged user;
 * it sets FUSE_WRITE_KILL_SUIDGID or FATTR_KILL_SUIDGID and expects the server to. The Rust
 * virtiofsd 1.13 drops CAP_FSETID around the host call so the host kernel does it
 * (src/passthrough/mod.rs, {@code drop_effective_cap("FSETID")}); the Java daemon, which cannot
 * change one thread's capabilities, clears the bits explicitly, with the host kernel's rule
 * ({@code should_remove_suid} in Linux fs/inode.c): suid always, sgid only with group execute
 * (without it, sgid means mandatory locking, not privilege).
 */
final class KillPriv {

    private KillPriv() {
    }

    /** Clears suid and (group-executable) sgid of the file {@code fd} (O_PATH or open) refers to. */
    static void clearSuidSgid(int fd) throws SyscallException {
        FileStat st = PosixFiles.fstat(fd);
        int mode = st.mode() & 07777;
        int kill = PosixFiles.S_ISUID;
        if ((mode & 010) != 0) {
            kill |= PosixFiles.S_ISGID;
        }
        if ((mode & kill) != 0 && st.type() != PosixFiles.S_IFLNK) {
            PosixFiles.fchmodat(PosixFiles.AT_FDCWD, PosixFiles.procSelfFd(fd), mode & ~kill, 0);
        }
    }
}
