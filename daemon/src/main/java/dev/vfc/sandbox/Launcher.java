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
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The steps of {@code --sandbox=namespace} that a running JVM cannot take: entering new mount
 * and network namespaces as a whole process, and a pid namespace at all. unshare(2) with
 * CLONE_NEWNS changes only the calling thread (the JVM's GC, compiler and signal threads would
 * stay in the host's namespace), CLONE_NEWUSER refuses a multi-threaded caller outright
 * (unshare(2), EINVAL), and only a new process enters a pid namespace. So, before any option is
 * acted on, the daemon replaces itself (execve, same pid, so whoever started it keeps
 * signalling and waiting for the right process) with
 *
 * <pre>unshare --mount --net --propagation private [--user --map-root-user] --
 *     setpriv --no-new-privs --inh-caps=-all --bounding-set=-all,+PASSTHROUGH,+sys_admin --
 *     JAVA -XX:-UsePerfData -XX:+DisableAttachMechanism SAME-ARGUMENTS</pre>
 *
 * (util-linux's unshare(1) and setpriv(1), neither of which forks here), and the JVM that
 * starts then finds itself in the namespaces, marked by {@value #MARK} naming the mount
 * namespace it left. As root, that command runs as pid 1 of a new pid namespace under a
 * supervising shell ({@link PidNamespace}), as the Rust virtiofsd's does; unprivileged, the pid
 * namespace would have to be owned by the user namespace unshare(1) makes, which only its
 * {@code --fork} can enter, so the daemon goes without one, as {@code --help} says.
 */
public final class Launcher {

    /** {@code VFC_DAEMON_SANDBOX=mnt:[N]}: set by the launcher step, the mount namespace it started in. */
    public static final String MARK = "VFC_DAEMON_SANDBOX";

    /** {@code VFC_DAEMON_LISTEN_FD=N}: the listening socket the launcher step handed over, if any. */
    public static final String LISTEN_FD = "VFC_DAEMON_LISTEN_FD";

    private static final List<Path> UNSHARE = List.of(Path.of("/usr/bin/unshare"), Path.of("/bin/unshare"));
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

    private Launcher() {
    }

    /** Whether this process was started by {@link #reexecInNamespace}. */
    public static boolean launched() {
        return System.getenv(MARK) != null;
    }

    /** The listening socket {@link #reexecInNamespace} handed over, in the daemon it started. */
    public static OptionalInt inheritedListener() {
        String fd = launched() ? System.getenv(LISTEN_FD) : null;
        return fd == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(fd));
    }

    /**
     * Whether this process runs in a user namespace other than the initial one (its uid_map is
     * not the identity {@code 0 0 4294967295}, user_namespaces(7)): then uid 0 here is the
     * unprivileged user the launcher mapped, and setgroups(2) is denied.
     */
    public static boolean inUserNamespace() throws IOException {
        List<String> map = Files.readAllLines(Path.of("/proc/self/uid_map"));
        return !(map.size() == 1 && map.get(0).trim().matches("0\\s+0\\s+4294967295"));
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
     * Replaces this process with itself under unshare(1) and setpriv(1) (as root, supervised in a
     * pid namespace of its own); returns only by
     * throwing.
     *
     * @throws IOException when unshare(1) or setpriv(1) is missing or execve fails
     */
    public static void reexecInNamespace(boolean root, SandboxOptions options, OptionalInt listener)
            throws IOException {
        Path unshare = firstPresent(UNSHARE, "unshare(1)");
        Path setpriv = firstPresent(SETPRIV, "setpriv(1)");
        String exe = Files.readSymbolicLink(Path.of("/proc/self/exe")).toString();
        List<String> argv = argv(unshare, setpriv, root, options, exe, commandLine());
        List<String> env = System.getenv().entrySet().stream()
                .filter(e -> !e.getKey().equals(MARK) && !e.getKey().equals(LISTEN_FD))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.toCollection(ArrayList::new));
        env.add(MARK + "=" + mountNamespace());
        listener.ifPresent(fd -> env.add(LISTEN_FD + "=" + fd));
        if (root) {
            argv = PidNamespace.supervised(unshare, argv);
        }
        try {
            Confinement.execve(argv.get(0), argv, env);
        } catch (SyscallException e) {
            throw new IOException("--sandbox=namespace: " + e.getMessage(), e);
        }
    }

    /**
     * The launcher's command line: the JVM {@code exe} with this JVM's own argv {@code self}
     * (its first word replaced by {@code exe}) and the two options above.
     */
    static List<String> argv(Path unshare, Path setpriv, boolean root, SandboxOptions options, String exe,
            List<String> self) {
        List<String> argv = new ArrayList<>(List.of(unshare.toString(), "--mount", "--net", "--propagation", "private"));
        if (!root) {
            argv.addAll(userNamespace(options));
        }
        argv.addAll(List.of("--", setpriv.toString()));
        if (root) {
            argv.add("--pdeathsig=TERM"); // the supervising shell's child: gone with it
        }
        argv.addAll(List.of("--no-new-privs", "--inh-caps=-all",
                "--bounding-set=-all," + PassthroughCapabilities.setprivList(
                        PassthroughCapabilities.launcher(options.capabilities())), "--"));
        argv.add(exe);
        // The JVM deletes its /tmp/hsperfdata_USER/PID file by path at exit: inside the
        // sandbox that path names a file of the share, so the sandboxed JVM keeps none.
        argv.add("-XX:-UsePerfData");
        // jcmd's attach listener would make its socket in /tmp, which is the share's, with
        // bind/listen/accept, which the seccomp allow-list does not grant (a SIGQUIT plus an
        // attach file would then kill a daemon run with --seccomp=kill).
        argv.add("-XX:+DisableAttachMechanism");
        argv.addAll(self.subList(1, self.size()));
        return argv;
    }

    /**
     * As the Rust daemon unprivileged (src/sandbox.rs): its own uid and gid are 0 inside, unless
     * {@code --uid-map}/{@code --gid-map} give the maps, which newuidmap(1) and newgidmap(1)
     * then write (they need the ranges in /etc/subuid and /etc/subgid).
     */
    private static List<String> userNamespace(SandboxOptions options) {
        if (options.uidMap().isEmpty() && options.gidMap().isEmpty()) {
            return List.of("--user", "--map-root-user");
        }
        List<String> args = new ArrayList<>(List.of("--user"));
        args.add(options.uidMap().map(m -> "--map-users=" + m.unshareForm()).orElse("--map-user=0"));
        if (options.gidMap().isPresent()) {
            args.add("--map-groups=" + options.gidMap().get().unshareForm());
        } else {
            // An unprivileged process may write its own gid map only once setgroups is denied.
            args.addAll(List.of("--map-group=0", "--setgroups=deny"));
        }
        return args;
    }

    /** This JVM's own argv, JVM options included, as the kernel keeps it. */
    private static List<String> commandLine() throws IOException {
        String all = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
        return Arrays.asList(all.split("\0"));
    }

    /** The namespaces this process is in, as {@code mnt:[N] pid:[N] net:[N]}, for the log. */
    static String namespaces() throws IOException {
        List<String> names = new ArrayList<>();
        for (String kind : List.of("mnt", "pid", "net")) {
            names.add(Files.readSymbolicLink(Path.of("/proc/self/ns/" + kind)).toString());
        }
        return String.join(" ", names);
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
