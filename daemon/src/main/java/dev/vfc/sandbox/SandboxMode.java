package dev.vfc.sandbox;

/**
 * {@code --sandbox}, with the Rust virtiofsd's values and meaning (1.13, src/sandbox.rs): what
 * the daemon hides from itself before it serves a single request, so that a bug that opens an
 * absolute path or walks out of the share finds nothing of the host there.
 */
public enum SandboxMode {
    /**
     * A mount namespace of its own whose root is the shared directory (pivot_root), entered
     * through a launcher step before the JVM starts (see {@link Launcher}); capabilities cut to
     * what passthrough needs; no_new_privs.
     */
    NAMESPACE,
    /** chroot(2) into the shared directory, for where no namespace can be had; the same capabilities. */
    CHROOT,
    /** Nothing: the daemon sees the host as its user does. */
    NONE
}
