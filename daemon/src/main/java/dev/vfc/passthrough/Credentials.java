package dev.vfc.passthrough;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;

/**
 * Runs a syscall as the guest's user, so files it creates get the guest's uid and gid and
 * the host kernel checks permission as that user, like the C virtiofsd's lo_change_cred.
 *
 * <p>Only the calling thread changes: setfsuid/setfsgid are per-thread in the kernel and
 * glibc does not broadcast them (unlike setuid), and the thread gets its own umask via
 * unshare(CLONE_FS) the first time. The scope is short: enter, one syscall, {@link #close()}.
 * The kernel drops the filesystem capabilities (DAC_OVERRIDE, FOWNER, FSETID, ...) from the
 * effective set while fsuid is not 0, and restores them when it is 0 again.
 *
 * <p>As in the Rust virtiofsd, an id of 0 or equal to the daemon's own is left alone; a
 * switch the kernel refuses (a daemon that is not root) answers EPERM.
 *
 * <p>Supplementary groups are never switched: the daemon must have none, see
 * {@link #dropSupplementaryGroups()}.
 */
public final class Credentials implements AutoCloseable {

    private static final int DAEMON_UID = PosixFiles.geteuid();
    private static final int DAEMON_GID = PosixFiles.getegid();

    /** Whether this thread's umask is its own (unshare(CLONE_FS) worked). */
    private static final ThreadLocal<Boolean> OWN_UMASK = ThreadLocal.withInitial(Credentials::unshareFs);

    static {
        // Load what a failing call inside the switched scope needs now, while the thread
        // still reads class files as the daemon: as uid 1000 it may not.
        for (Class<?> c : new Class<?>[] {SyscallException.class, FsException.class, Errno.class}) {
            c.getName();
        }
    }

    private final int restoreUid;
    private final int restoreGid;
    private final int restoreUmask;

    private Credentials(int restoreUid, int restoreGid, int restoreUmask) {
        this.restoreUid = restoreUid;
        this.restoreGid = restoreGid;
        this.restoreUmask = restoreUmask;
    }

    /**
     * CVE-2022-0358: a daemon running as root with supplementary groups let a guest user
     * create files (CREATE, MKDIR, MKNOD, SYMLINK) in a setgid directory owned by one of
     * those groups and keep the setgid bit, because the kernel's in_group_p check saw the
     * daemon's groups. Dropping them all (setgroups(0, NULL), on every thread) closes that;
     * the daemon's main calls this when it runs as root.
     */
    public static void dropSupplementaryGroups() throws SyscallException {
        PosixFiles.dropSupplementaryGroups();
    }

    /** Switches fsuid/fsgid to the guest's (see class comment); umask is untouched. */
    static Credentials as(Context ctx) throws FsException {
        return enter(ctx, false);
    }

    /**
     * As {@link #as(Context)}, and sets this thread's umask to 0 so that the mode the caller
     * passes (already masked with the request's umask by {@link #mode}) is used as is.
     */
    static Credentials creating(Context ctx) throws FsException {
        return enter(ctx, true);
    }

    /** {@code mode}'s permission bits (07777) less the request's {@code umask}. */
    static int mode(int mode, int umask) {
        return mode & 07777 & ~umask;
    }

    private static Credentials enter(Context ctx, boolean zeroUmask) throws FsException {
        int oldUmask = -1;
        if (zeroUmask && OWN_UMASK.get()) {
            oldUmask = PosixFiles.umask(0);
        }
        int oldGid = -1;
        int oldUid = -1;
        int gid = ctx.gid();
        int uid = ctx.uid();
        if (gid != 0 && gid != DAEMON_GID) {
            // The group first: once fsuid is not 0 we may no longer be allowed to change it.
            oldGid = PosixFiles.setfsgid(gid);
            if (PosixFiles.setfsgid(-1) != gid) {
                undo(-1, oldGid, oldUmask);
                throw new FsException(Errno.EPERM, "cannot act as gid " + gid);
            }
        }
        if (uid != 0 && uid != DAEMON_UID) {
            oldUid = PosixFiles.setfsuid(uid);
            if (PosixFiles.setfsuid(-1) != uid) {
                undo(oldUid, oldGid, oldUmask);
                throw new FsException(Errno.EPERM, "cannot act as uid " + uid);
            }
        }
        return new Credentials(oldUid, oldGid, oldUmask);
    }

    /** Back to the daemon's own ids and umask. */
    @Override
    public void close() {
        undo(restoreUid, restoreGid, restoreUmask);
    }

    private static void undo(int uid, int gid, int umask) {
        if (uid != -1) {
            PosixFiles.setfsuid(uid);
        }
        if (gid != -1) {
            PosixFiles.setfsgid(gid);
        }
        if (umask != -1) {
            PosixFiles.umask(umask);
        }
    }

    private static boolean unshareFs() {
        try {
            PosixFiles.unshareFs();
            return true;
        } catch (SyscallException e) {
            // Some seccomp profiles forbid unshare; then the process umask stays in force
            // on top of the request's, which can only make modes stricter.
            return false;
        }
    }
}
