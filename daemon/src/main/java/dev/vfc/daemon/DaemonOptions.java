package dev.vfc.daemon;

import dev.vfc.sandbox.SandboxMode;
import dev.vfc.sandbox.SeccompAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The daemon's command line, with the Rust virtiofsd's option names and meanings
 * ({@code --socket-path}, {@code --shared-dir}, {@code --thread-pool-size}, {@code --cache},
 * {@code --xattr}, {@code --readonly}, {@code --log-level}, {@code --sandbox}, {@code --seccomp}), accepted as {@code --opt value} or
 * {@code --opt=value}.
 */
public record DaemonOptions(Path socketPath, Path sharedDir, int threadPoolSize, Cache cache, boolean xattr,
        boolean readonly, LogLevel logLevel, int requestQueues, Optional<Fault> fault, SandboxMode sandbox,
        SeccompAction seccomp, Action action) {

    public enum Cache { AUTO, ALWAYS, NEVER }

    public enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE, OFF }

    /** Deliberate misbehaviour, so the suite can prove it catches a known bug. */
    public enum Fault {
        /** Answer ENOMEM to every READ above 1 MiB, as the Rust virtiofsd 1.0–1.6.0 did. */
        READ_LIMIT_1MIB,
        /** Publish used elements without ever signalling the call eventfd. */
        NO_CALL_NOTIFICATION,
        /** Keep signalling the call eventfd a ring first used, ignoring later SET_VRING_CALL. */
        NO_CALL_AFTER_RENEW
    }

    public enum Action { SERVE, HELP, VERSION }

    public static final String USAGE = """
            Usage: vfc-daemon --socket-path PATH --shared-dir DIR [options]

            Serves DIR to one vhost-user frontend (QEMU's vhost-user-fs-pci) over the unix
            socket PATH, and exits when that frontend disconnects.

            Options:
              --socket-path PATH        vhost-user socket to listen on (required)
              --shared-dir DIR          directory to share (required)
              --thread-pool-size N      worker threads per daemon (default 0: each queue serves on its own thread)
              --cache auto|always|never entry and attribute cache timeouts: 1 s, 1 day, 0 (default auto)
              --xattr                   enable extended attributes (default off: xattr requests get ENOSYS)
              --readonly                refuse every modification with EROFS
              --log-level LEVEL         error, warn, info, debug, trace or off (default info)
              --request-queues N        request queues besides hiprio (default 1)
              --sandbox namespace|chroot|none
                                        confinement before serving (default namespace): namespace
                                        makes the shared directory the root of a mount namespace of
                                        the daemon's own (pivot_root), chroot chroots into it, none
                                        leaves the host visible; namespace and chroot also cut the
                                        capabilities of the serving threads to chown, dac_override,
                                        fowner, fsetid, setgid, setuid, mknod, setfcap and set
                                        no_new_privs. A running JVM cannot move all its threads into
                                        a new mount namespace, so with namespace the daemon first
                                        re-executes itself (same pid) under unshare(1) --mount and
                                        setpriv(1) from util-linux, which must be installed; no pid
                                        namespace is made (see README)
              --seccomp kill|log|trap|none
                                        what a syscall outside the measured allow-list does (default
                                        log: allowed and logged by the kernel; kill: the daemon dies
                                        with SIGSYS; trap: SIGSYS to the thread). x86_64 only
              --inject-fault NAME       misbehave on purpose: read-limit-1mib (ENOMEM for READ > 1 MiB,
                                        as the Rust virtiofsd 1.0-1.6.0), no-call-notification (never
                                        signal the call eventfd), no-call-after-renew (ignore every
                                        SET_VRING_CALL after a ring's first reply); for testing the suite
              --help                    show this and exit
              --version                 show the version and exit
            """;

    /** Parses {@code args}; the exception message is a single line naming the problem. */
    public static DaemonOptions parse(List<String> args) throws UsageException {
        Deque<String> in = new ArrayDeque<>(args);
        Path socket = null;
        Path shared = null;
        int threads = 0;
        Cache cache = Cache.AUTO;
        boolean xattr = false;
        boolean readonly = false;
        LogLevel level = LogLevel.INFO;
        int queues = 1;
        Optional<Fault> fault = Optional.empty();
        SandboxMode sandbox = SandboxMode.NAMESPACE;
        SeccompAction seccomp = SeccompAction.LOG;
        while (!in.isEmpty()) {
            String arg = in.pop();
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> {
                    return helpOrVersion(Action.HELP);
                }
                case "--version", "-V" -> {
                    return helpOrVersion(Action.VERSION);
                }
                case "--socket-path", "--socket" -> socket = Path.of(value(name, inline, in));
                case "--shared-dir" -> shared = Path.of(value(name, inline, in));
                case "--thread-pool-size" -> threads = number(name, value(name, inline, in), 0, 1024);
                case "--cache" -> cache = choice(name, value(name, inline, in), Cache.class);
                case "--log-level" -> level = choice(name, value(name, inline, in), LogLevel.class);
                case "--request-queues" -> queues = number(name, value(name, inline, in), 1, 64);
                case "--inject-fault" -> fault = Optional.of(choice(name,
                        value(name, inline, in).replace('-', '_'), Fault.class));
                case "--sandbox" -> sandbox = choice(name, value(name, inline, in), SandboxMode.class);
                case "--seccomp" -> seccomp = choice(name, value(name, inline, in), SeccompAction.class);
                case "--xattr" -> xattr = flag(name, inline);
                case "--readonly" -> readonly = flag(name, inline);
                default -> throw new UsageException("unknown option '" + arg + "' (see --help)");
            }
        }
        if (socket == null) {
            throw new UsageException("--socket-path is required (see --help)");
        }
        if (shared == null) {
            throw new UsageException("--shared-dir is required (see --help)");
        }
        if (!Files.isDirectory(shared)) {
            throw new UsageException("--shared-dir " + shared + " is not a directory");
        }
        if (socket.getParent() != null && !Files.isDirectory(socket.getParent())) {
            throw new UsageException("--socket-path " + socket + ": directory " + socket.getParent() + " does not exist");
        }
        return new DaemonOptions(socket, shared, threads, cache, xattr, readonly, level, queues, fault, sandbox, seccomp,
                Action.SERVE);
    }

    private static DaemonOptions helpOrVersion(Action action) {
        return new DaemonOptions(null, null, 0, Cache.AUTO, false, false, LogLevel.INFO, 1, Optional.empty(),
                SandboxMode.NONE, SeccompAction.NONE, action);
    }

    private static String value(String name, String inline, Deque<String> rest) throws UsageException {
        if (inline != null) {
            if (inline.isEmpty()) {
                throw new UsageException(name + " needs a value");
            }
            return inline;
        }
        if (rest.isEmpty() || rest.peek().startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return rest.pop();
    }

    private static boolean flag(String name, String inline) throws UsageException {
        if (inline != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    private static int number(String name, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, got '" + value + "'");
        }
    }

    private static <E extends Enum<E>> E choice(String name, String value, Class<E> type) throws UsageException {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " must be one of " + List.of(type.getEnumConstants()).stream()
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList() + ", got '" + value + "'");
        }
    }
}
