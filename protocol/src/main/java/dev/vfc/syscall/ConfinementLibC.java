package dev.vfc.syscall;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.SaveError;

/**
 * The libc calls a daemon confines itself with: mounts and pivot_root(2) in its own mount
 * namespace, chroot(2), prctl(2) for no_new_privs and the capability bounding set, capset(2)
 * and seccomp(2) (by raw syscall number: glibc 2.36 wraps neither), and execve(2) for the
 * launcher step that must happen before the JVM starts.
 *
 * <p>Public only because jnr-ffi generates the implementation in its own class loader; code
 * outside this package uses {@link Confinement}.
 */
@SaveError
public interface ConfinementLibC {

    int mount(@In byte[] source, @In byte[] target, @In byte[] type, long flags, long data);

    int umount2(@In byte[] target, int flags);

    int chdir(@In byte[] path);

    int fchdir(int fd);

    int chroot(@In byte[] path);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /** pivot_root(2), capset(2), seccomp(2): {@code syscall(nr, a, b, c)}. */
    long syscall(long number, long a, long b, long c);

    /** pivot_root(2) takes two paths. */
    long syscall(long number, @In byte[] a, @In byte[] b);

    int execve(String path, String[] argv, String[] envp);
}
