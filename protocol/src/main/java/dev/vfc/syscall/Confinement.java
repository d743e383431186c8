package dev.vfc.syscall;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import jnr.ffi.LibraryLoader;

/**
 * The steps a daemon takes to confine itself, each one syscall or a short fixed sequence of
 * them, as the Rust virtiofsd's sandbox does them (src/sandbox.rs, 1.13). Numbers are
 * x86_64's (arch/x86/entry/syscalls/syscall_64.tbl), like the rest of this package.
 */
public final class Confinement {

    private static final ConfinementLibC LIBC = LibraryLoader.create(ConfinementLibC.class).load("c");

    private static final long SYS_CAPSET = 126;
    private static final long SYS_PIVOT_ROOT = 155;
    private static final long SYS_SECCOMP = 317;

    private static final long MS_BIND = 4096;
    private static final long MS_REC = 16384;
    private static final long MS_PRIVATE = 1 << 18;
    private static final int MNT_DETACH = 2;

    private static final int PR_CAPBSET_READ = 23;
    private static final int PR_CAPBSET_DROP = 24;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_CAP_AMBIENT = 47;
    private static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    /** CAP_LAST_CAP of Linux 6.1 (CAP_CHECKPOINT_RESTORE). */
    private static final int CAP_LAST_CAP = 40;
    /** _LINUX_CAPABILITY_VERSION_3: two 32-bit words per set. */
    private static final int CAPABILITY_VERSION_3 = 0x20080522;

    private static final long SECCOMP_SET_MODE_FILTER = 1;
    /** Every thread of the process gets the filter, not only the caller. */
    private static final long SECCOMP_FILTER_FLAG_TSYNC = 1;

    private Confinement() {
    }

    /** mount(NULL, "/", NULL, MS_REC|MS_PRIVATE): nothing mounted here propagates back to the host. */
    public static void makeMountsPrivate() throws SyscallException {
        Native.checkInt(LIBC.mount(null, cstr("/"), null, MS_REC | MS_PRIVATE, 0), "mount / private");
    }

    /** A recursive bind mount of {@code dir} on itself, which makes it a mount point pivot_root accepts. */
    public static void bindOnItself(String dir) throws SyscallException {
        Native.checkInt(LIBC.mount(cstr(dir), cstr(dir), null, MS_BIND | MS_REC, 0), "mount --rbind " + dir);
    }

    /**
     * Makes {@code dir} the root of this mount namespace and detaches the old root, so nothing
     * outside {@code dir} has a name any more: chdir(dir), pivot_root(".", "."), umount2(".",
     * MNT_DETACH), chdir("/") (pivot_root(2), "NOTES": the old root ends up stacked on the new
     * one, and the lazy unmount removes it). Descriptors opened before (a /proc directory) stay
     * usable.
     */
    public static void pivotRootInto(String dir) throws SyscallException {
        Native.checkInt(LIBC.chdir(cstr(dir)), "chdir " + dir);
        Native.check(LIBC.syscall(SYS_PIVOT_ROOT, cstr("."), cstr(".")), "pivot_root");
        Native.checkInt(LIBC.umount2(cstr("."), MNT_DETACH), "umount2 old root");
        Native.checkInt(LIBC.chdir(cstr("/")), "chdir /");
    }

    /** chdir(dir), chroot("."), chdir("/"): the fallback where no mount namespace can be had. */
    public static void chrootInto(String dir) throws SyscallException {
        Native.checkInt(LIBC.chdir(cstr(dir)), "chdir " + dir);
        Native.checkInt(LIBC.chroot(cstr(".")), "chroot " + dir);
        Native.checkInt(LIBC.chdir(cstr("/")), "chdir /");
    }

    /** fchdir(2): the working directory, which relative paths start from, becomes {@code fd}. */
    public static void changeDirectory(int fd) throws SyscallException {
        Native.checkInt(LIBC.fchdir(fd), "fchdir");
    }

    /** PR_SET_NO_NEW_PRIVS: no execve may grant privileges again (setuid bits, file capabilities). */
    public static void noNewPrivileges() throws SyscallException {
        Native.checkInt(LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl PR_SET_NO_NEW_PRIVS");
    }

    /**
     * Keeps only {@code keep} (capability numbers, linux/capability.h) in the calling thread's
     * bounding, permitted and effective sets, and none inheritable or ambient. Capabilities are
     * per thread in Linux: threads started afterwards inherit this, threads already running do
     * not.
     */
    public static void keepOnlyCapabilities(Set<Integer> keep) throws SyscallException {
        for (int cap = 0; cap <= CAP_LAST_CAP; cap++) {
            if (keep.contains(cap) || LIBC.prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 1) {
                continue; // kept, or not in the bounding set (or unknown to this kernel) already
            }
            if (LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == -1) {
                Native.checkInt(-1, "prctl PR_CAPBSET_DROP " + cap);
            }
        }
        Native.checkInt(LIBC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "prctl PR_CAP_AMBIENT_CLEAR_ALL");
        long[] words = new long[2];
        for (int cap : keep) {
            words[cap / 32] |= 1L << (cap % 32);
        }
        ByteBuffer header = Native.allocate(8).putInt(0, CAPABILITY_VERSION_3).putInt(4, 0);
        ByteBuffer data = Native.allocate(24); // 2 x {effective, permitted, inheritable}
        for (int i = 0; i < 2; i++) {
            data.putInt(i * 12, (int) words[i]).putInt(i * 12 + 4, (int) words[i]).putInt(i * 12 + 8, 0);
        }
        Native.check(LIBC.syscall(SYS_CAPSET, Native.address(header), Native.address(data), 0), "capset");
    }

    /**
     * Installs a classic BPF program (struct sock_filter[], 8 bytes each) as a seccomp filter on
     * every thread of the process (SECCOMP_FILTER_FLAG_TSYNC). Needs no_new_privs or
     * CAP_SYS_ADMIN.
     */
    public static void installSeccompFilter(ByteBuffer program) throws SyscallException {
        if (!program.isDirect() || program.remaining() % 8 != 0) {
            throw new IllegalArgumentException("a seccomp program is a direct buffer of 8-byte instructions");
        }
        ByteBuffer prog = Native.allocate(16); // struct sock_fprog: u16 len, 6 bytes padding, filter pointer
        prog.putShort(0, (short) (program.remaining() / 8)).putLong(8, Native.address(program));
        long tid = Native.check(LIBC.syscall(SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC,
                Native.address(prog)), "seccomp SET_MODE_FILTER");
        if (tid != 0) {
            throw new SyscallException("seccomp SET_MODE_FILTER", 0, "thread " + tid + " could not take the filter");
        }
    }

    /** execve(2): replaces this process (same pid, all threads gone) with {@code argv}; returns only by throwing. */
    public static void execve(String path, List<String> argv, List<String> environment) throws SyscallException {
        String[] args = argv.toArray(new String[argv.size() + 1]);
        String[] env = environment.toArray(new String[environment.size() + 1]);
        Native.checkInt(LIBC.execve(path, args, env), "execve " + path);
        throw new SyscallException("execve " + path, 0, "returned");
    }

    private static byte[] cstr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }
}
