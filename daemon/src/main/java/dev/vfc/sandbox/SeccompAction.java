package dev.vfc.sandbox;

/**
 * {@code --seccomp}, with the Rust virtiofsd's values (1.13, src/seccomp.rs): what the kernel
 * does when the daemon makes a syscall outside its allow-list ({@link SyscallAllowList}).
 * Values from linux/seccomp.h.
 */
public enum SeccompAction {
    /** SECCOMP_RET_KILL_PROCESS: the whole daemon dies with SIGSYS. */
    KILL(0x8000_0000),
    /** SECCOMP_RET_LOG: allowed, and logged by the kernel (audit type 1326), for measuring the list. */
    LOG(0x7ffc_0000),
    /** SECCOMP_RET_TRAP: SIGSYS to the calling thread. */
    TRAP(0x0003_0000),
    /** No filter. */
    NONE(0);

    private final int returnValue;

    SeccompAction(int returnValue) {
        this.returnValue = returnValue;
    }

    /** The filter's return value for a syscall outside the list. */
    int returnValue() {
        return returnValue;
    }
}
