package dev.vfc.sandbox;

import dev.vfc.syscall.Confinement;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Enters the sandbox {@code --sandbox} names, after the vhost-user socket is connected and
 * before the shared directory is opened, as the Rust virtiofsd 1.13 does (src/sandbox.rs): the
 * daemon then opens its share as the root it sees. The passthrough names inodes through
 * /proc/self/fd, which is gone once the root is the share, so a descriptor of it is opened
 * first and becomes the working directory ({@link PosixFiles#resolveProcSelfFdFrom}).
 *
 * <p>Capabilities are per thread in Linux, so cutting them to {@link
 * SandboxOptions#capabilities} here covers this thread and every thread it starts, that
 * is, every thread that serves a request; the JVM's own threads (GC, compiler, signal
 * dispatch) keep what they started with: under {@code namespace}, only what the launcher
 * left. What no thread may do at all is the seccomp filter's job ({@link SeccompFilter},
 * installed on every thread).
 */
public final class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());
    private static final byte[] PROC_SELF_FD = "/proc/self/fd".getBytes(StandardCharsets.US_ASCII);

    private Sandbox() {
    }

    /**
     * Enters the sandbox {@code options} describe around {@code sharedDir}.
     *
     * @return the shared directory as this process names it afterwards ("/" when it became the root)
     * @throws IOException when a step fails; the daemon must not serve then
     */
    public static Path enter(SandboxOptions options, Path sharedDir) throws IOException {
        return switch (options.mode()) {
            case NONE -> sharedDir;
            case NAMESPACE -> {
                Launcher.checkEntered();
                int proc = openProcSelfFd();
                String root = sharedDir.toRealPath().toString();
                String namespaces = Launcher.namespaces();
                step(Confinement::makeMountsPrivate);
                step(() -> Confinement.bindOnItself(root));
                step(() -> Confinement.pivotRootInto(root));
                yield confined(proc, options.capabilities(), namespaces + ", root " + root);
            }
            case CHROOT -> {
                int proc = openProcSelfFd();
                String root = sharedDir.toRealPath().toString();
                step(() -> Confinement.chrootInto(root));
                yield confined(proc, options.capabilities(), "chroot " + root);
            }
        };
    }

    private static Path confined(int proc, Set<Integer> capabilities, String where) throws IOException {
        step(() -> PosixFiles.resolveProcSelfFdFrom(proc));
        step(Confinement::noNewPrivileges);
        step(() -> Confinement.keepOnlyCapabilities(capabilities));
        LOG.info("sandbox: " + where + ", capabilities " + PassthroughCapabilities.setprivList(capabilities)
                + ", no_new_privs");
        return Path.of("/");
    }

    private static int openProcSelfFd() throws IOException {
        try {
            return PosixFiles.openat(PosixFiles.AT_FDCWD, PROC_SELF_FD,
                    PosixFiles.O_RDONLY | PosixFiles.O_DIRECTORY | PosixFiles.O_CLOEXEC, 0);
        } catch (SyscallException e) {
            throw new IOException("sandbox: cannot open /proc/self/fd: " + e.getMessage(), e);
        }
    }

    private interface Step {
        void run() throws SyscallException;
    }

    private static void step(Step step) throws IOException {
        try {
            step.run();
        } catch (SyscallException e) {
            throw new IOException("sandbox: " + e.getMessage(), e);
        }
    }
}
