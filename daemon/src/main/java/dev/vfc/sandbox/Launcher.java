package dev.vfc.sandbox;

import dev.vfc.syscall.Confinement;
import dev.vfc.syscall.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The step of {@code --sandbox=namespace} that a running JVM cannot take: entering a new mount
 * namespace as a whole process. unshare(2) with CLONE_NEWNS changes only the calling thread
 * (the JVM's GC, compiler and signal threads would stay in the host's namespace), and
 * CLONE_NEWUSER refuses a multi-threaded caller outright (unshare(2), EINVAL). So, before any
 * option is acted on, the daemon replaces itself (execve, same pid, so whoever started it keeps
 * signalling and waiting for the right process) with
 *
 * <pre>unshare --mount --propagation private [--user --map-root-user] --
 *     setpriv --no-new-privs --inh-caps=-all --bounding-set=-all,+PASSTHROUGH,+sys_admin --
 *     JAVA -XX:-UsePerfData -XX:+DisableAttachMechanism SAME-ARGUMENTS</pre>
 *
 * (util-linux's unshare(1) and setpriv(1), neither of which forks here), and the JVM that
 * starts then finds itself in the namespace, marked by {@value #MARK} naming the namespace it
 * left. A pid namespace is not taken: it needs a parent process that stays outside, and
 * util-linux 2.38's {@code unshare --fork} ignores SIGTERM in that parent, so a frontend's
 * SIGTERM would no longer stop the daemon.
 */
public final class Launcher {

    /** {@code VFC_DAEMON_SANDBOX=mnt:[N]}: set by the launcher step, the mount namespace it started in. */
    public static final String MARK = "VFC_DAEMON_SANDBOX";

    private static final List<Path> UNSHARE = List.of(Path.of("/usr/bin/unshare"), Path.of("/bin/unshare"));
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

    private Launcher() {
    }

    /** Whether this process was started by {@link #reexecInNamespace}. */
    public static boolean launched() {
        return System.getenv(MARK) != null;
    }

    /**
     * Checks that the launcher's namespace is really a new one; afterwards the mount
     * namespace is this process's own.
     *
     * @throws IOException when the mark is there but the namespace is the one left
     */
    static void checkEntered() throws IOException {
        String left = System.getenv(MARK);
        if (left == null) {
            throw new IOException("--sandbox=namespace: not started through the launcher step");
        }
        if (left.equals(mountNamespace())) {
            throw new IOException("--sandbox=namespace: still in mount namespace " + left + " after unshare");
        }
    }

    /**
     * Replaces this process with itself under unshare(1) and setpriv(1); returns only by
     * throwing.
     *
     * @throws IOException when unshare(1) or setpriv(1) is missing or execve fails
     */
    public static void reexecInNamespace(boolean root) throws IOException {
        Path unshare = firstPresent(UNSHARE, "unshare(1)");
        Path setpriv = firstPresent(SETPRIV, "setpriv(1)");
        List<String> argv = new ArrayList<>(List.of(unshare.toString(), "--mount", "--propagation", "private"));
        if (!root) {
            argv.addAll(List.of("--user", "--map-root-user"));
        }
        argv.addAll(List.of("--", setpriv.toString(), "--no-new-privs", "--inh-caps=-all",
                "--bounding-set=-all," + PassthroughCapabilities.setprivList(PassthroughCapabilities.LAUNCHER), "--"));
        argv.add(Files.readSymbolicLink(Path.of("/proc/self/exe")).toString());
        // The JVM deletes its /tmp/hsperfdata_USER/PID file by path at exit: inside the
        // sandbox that path names a file of the share, so the sandboxed JVM keeps none.
        argv.add("-XX:-UsePerfData");
        // jcmd's attach listener would make its socket in /tmp, which is the share's, with
        // bind/listen/accept, which the seccomp allow-list does not grant (a SIGQUIT plus an
        // attach file would then kill a daemon run with --seccomp=kill).
        argv.add("-XX:+DisableAttachMechanism");
        List<String> self = commandLine();
        argv.addAll(self.subList(1, self.size()));
        List<String> env = System.getenv().entrySet().stream().filter(e -> !e.getKey().equals(MARK))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.toCollection(ArrayList::new));
        env.add(MARK + "=" + mountNamespace());
        try {
            Confinement.execve(unshare.toString(), argv, env);
        } catch (SyscallException e) {
            throw new IOException("--sandbox=namespace: " + e.getMessage(), e);
        }
    }

    /** This JVM's own argv, JVM options included, as the kernel keeps it. */
    private static List<String> commandLine() throws IOException {
        String all = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
        return Arrays.asList(all.split("\0"));
    }

    static String mountNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
    }

    private static Path firstPresent(List<Path> candidates, String what) throws IOException {
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IOException("--sandbox=namespace needs " + what
                + " (util-linux) at " + candidates + "; use --sandbox=chroot or --sandbox=none"));
    }
}
