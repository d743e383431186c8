package dev.vfc.daemon;

import dev.vfc.daemon.DaemonOptions.Action;
import dev.vfc.daemon.DaemonOptions.Cache;
import dev.vfc.daemon.DaemonOptions.Fault;
import dev.vfc.daemon.DaemonOptions.LogLevel;
import dev.vfc.passthrough.Features;
import dev.vfc.passthrough.InodeFileHandles;
import dev.vfc.passthrough.XattrMap;
import dev.vfc.sandbox.CapabilityChanges;
import dev.vfc.sandbox.IdRange;
import dev.vfc.sandbox.SandboxMode;
import dev.vfc.sandbox.SandboxOptions;
import dev.vfc.sandbox.SeccompAction;
import dev.vfc.server.decorator.IdMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parses the daemon's command line into {@link DaemonOptions}: one mutable draft, filled option by
 * option, checked as a whole at the end as Rust virtiofsd 1.13's clap declarations do (src/main.rs:
 * {@code --fd} excludes {@code --socket-path}, {@code --socket-group} needs a path,
 * {@code --posix-acl} excludes {@code --translate-uid/gid}, {@code --tag} is 1 to 36 bytes).
 */
final class CommandLine {

    /** virtio-fs config space tag size (virtio 1.3 §5.11.4), Rust's MAX_TAG_LEN. */
    static final int MAX_TAG_LEN = 36;

    private Path socket;
    private String socketGroup;
    private OptionalInt fd = OptionalInt.empty();
    private Path shared;
    private int threads;
    private Cache cache = Cache.AUTO;
    private boolean xattr;
    private boolean readonly;
    private LogLevel level = LogLevel.INFO;
    private int queues = 1;
    private Optional<Fault> fault = Optional.empty();
    private Features features = Features.NONE.withInodeFileHandles(InodeFileHandles.PREFER);
    private boolean readdirplus = true;
    private Optional<String> tag = Optional.empty();
    private IdMap uids = IdMap.IDENTITY;
    private IdMap gids = IdMap.IDENTITY;
    private OptionalLong rlimit = OptionalLong.empty();
    private boolean syslog;
    private SandboxOptions sandbox = SandboxOptions.DEFAULTS;

    private CommandLine() {
    }

    static DaemonOptions parse(List<String> args) throws UsageException {
        CommandLine c = new CommandLine();
        Deque<String> in = new ArrayDeque<>(args);
        while (!in.isEmpty()) {
            String arg = in.pop();
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            } else if (arg.startsWith("-o") && arg.length() > 2) {
                name = "-o";
                inline = arg.substring(2);
            }
            Action action = c.option(arg, name, inline, in);
            if (action != null) {
                return new DaemonOptions(null, null, 0, Cache.AUTO, false, false, LogLevel.INFO, 1, Optional.empty(),
                        SandboxOptions.NONE, action, Features.NONE, DaemonFeatures.DEFAULTS);
            }
        }
        return c.build();
    }

    /** Applies one option; a non-null result ends parsing (--help, --version, --print-capabilities). */
    private Action option(String arg, String name, String inline, Deque<String> in) throws UsageException {
        switch (name) {
            case "--help", "-h" -> {
                return Action.HELP;
            }
            case "--version", "-V" -> {
                return Action.VERSION;
            }
            case "--print-capabilities" -> {
                return Action.PRINT_CAPABILITIES;
            }
            case "--socket-path", "--socket" -> socket = Path.of(value(name, inline, in));
            case "--socket-group" -> socketGroup = value(name, inline, in);
            case "--fd" -> fd = OptionalInt.of(number(name, value(name, inline, in), 0, Integer.MAX_VALUE));
            case "--shared-dir" -> shared = Path.of(value(name, inline, in));
            case "--tag" -> tag = Optional.of(tag(value(name, inline, in)));
            case "--thread-pool-size" -> threads = number(name, value(name, inline, in), 0, 1024);
            case "--cache" -> cache = choice(name, value(name, inline, in), Cache.class);
            case "--log-level" -> level = choice(name, value(name, inline, in), LogLevel.class);
            case "--request-queues" -> queues = number(name, value(name, inline, in), 1, 64);
            case "--inject-fault" -> fault = Optional.of(choice(name,
                    value(name, inline, in).replace('-', '_'), Fault.class));
            case "--xattr" -> xattr = flag(name, inline);
            case "--readonly" -> readonly = flag(name, inline);
            case "--posix-acl" -> features = features.withPosixAcl(flag(name, inline));
            case "--xattrmap" -> features = features.withXattrmap(Optional.of(xattrmap(value(name, inline, in))));
            case "--announce-submounts" -> features = features.withAnnounceSubmounts(flag(name, inline));
            case "--no-announce-submounts" -> features = features.withAnnounceSubmounts(!flag(name, inline));
            case "--inode-file-handles" -> features = features.withInodeFileHandles(fileHandles(name, inline));
            case "--allow-direct-io" -> features = features.withAllowDirectIo(flag(name, inline));
            case "--writeback" -> features = features.withWriteback(flag(name, inline));
            case "--allow-mmap" -> features = features.withAllowMmap(flag(name, inline));
            case "--no-readdirplus" -> readdirplus = !flag(name, inline);
            case "--killpriv-v2" -> features = features.withKillprivV2(flag(name, inline));
            case "--no-killpriv-v2" -> features = features.withKillprivV2(!flag(name, inline));
            case "--security-label" -> features = features.withSecurityLabel(flag(name, inline));
            case "--preserve-noatime" -> features = features.withPreserveNoatime(flag(name, inline));
            case "--translate-uid" -> uids = idMap(name, uids, value(name, inline, in));
            case "--translate-gid" -> gids = idMap(name, gids, value(name, inline, in));
            case "--rlimit-nofile" -> rlimit = OptionalLong.of(number(name, value(name, inline, in), 0,
                    Integer.MAX_VALUE));
            case "--syslog" -> syslog = flag(name, inline);
            case "--sandbox" -> sandbox = sandbox.withMode(choice(name, value(name, inline, in), SandboxMode.class));
            case "--seccomp" -> sandbox = sandbox.withSeccomp(choice(name, value(name, inline, in), SeccompAction.class));
            case "--modcaps" -> sandbox = sandbox.withCapabilities(parsed(name, value(name, inline, in),
                    v -> CapabilityChanges.apply(v, sandbox.capabilities())));
            case "--uid-map" -> sandbox = sandbox.withUidMap(parsed(name, value(name, inline, in), IdRange::parse));
            case "--gid-map" -> sandbox = sandbox.withGidMap(parsed(name, value(name, inline, in), IdRange::parse));
            case "-o" -> compat(inline != null ? inline : value(name, null, in));
            default -> throw new UsageException("unknown option '" + arg + "' (see --help)");
        }
        return null;
    }

    /**
     * The C virtiofsd's {@code -o} list, as Rust's {@code parse_compat}: comma-separated
     * {@code source=DIR} and {@code cache=none|auto|always} (C's none is never); Rust's other
     * compat words are not accepted here.
     */
    private void compat(String list) throws UsageException {
        for (String item : list.split(",")) {
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq);
            String val = eq < 0 ? null : item.substring(eq + 1);
            switch (key) {
                case "source" -> shared = Path.of(compatValue(item, val));
                case "cache" -> cache = switch (compatValue(item, val)) {
                    case "none" -> Cache.NEVER;
                    case "auto" -> Cache.AUTO;
                    case "always" -> Cache.ALWAYS;
                    default -> throw new UsageException("invalid compat value '" + val + "' for '-o cache' "
                            + "(none, auto, always)");
                };
                default -> throw new UsageException("invalid compat argument '-o " + item + "'");
            }
        }
    }

    private static String compatValue(String item, String val) throws UsageException {
        if (val == null || val.isEmpty()) {
            throw new UsageException("'-o " + item + "' needs a value");
        }
        return val;
    }

    private DaemonOptions build() throws UsageException {
        if (fd.isPresent() && socket != null) {
            throw new UsageException("--fd and --socket-path exclude each other");
        }
        if (fd.isPresent() && socketGroup != null) {
            throw new UsageException("--socket-group needs --socket-path, not --fd");
        }
        if (fd.isEmpty() && socket == null) {
            throw new UsageException("--socket-path is required (or --fd; see --help)");
        }
        if (shared == null) {
            throw new UsageException("--shared-dir is required (see --help)");
        }
        if (!Files.isDirectory(shared)) {
            throw new UsageException("--shared-dir " + shared + " is not a directory");
        }
        if (socket != null && socket.getParent() != null && !Files.isDirectory(socket.getParent())) {
            throw new UsageException("--socket-path " + socket + ": directory " + socket.getParent() + " does not exist");
        }
        if (features.posixAcl() && (!uids.isIdentity() || !gids.isIdentity())) {
            throw new UsageException("--posix-acl cannot be used with --translate-uid or --translate-gid");
        }
        // Rust: xattr = xattrmap.is_some() || posix_acl || security_label || xattr.
        boolean anyXattr = xattr || features.posixAcl() || features.securityLabel() || features.xattrmap().isPresent();
        Listen listen = fd.isPresent() ? new Listen.OnFd(fd.getAsInt())
                : new Listen.AtPath(socket, Optional.ofNullable(socketGroup));
        DaemonFeatures daemon = new DaemonFeatures(readdirplus && cache != Cache.NEVER, tag, uids, gids, rlimit, syslog);
        return new DaemonOptions(listen, shared, threads, cache, anyXattr, readonly, level, queues, fault, sandbox,
                Action.SERVE, features, daemon);
    }

    private static String tag(String value) throws UsageException {
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_TAG_LEN) {
            throw new UsageException("--tag must be 1 to " + MAX_TAG_LEN + " bytes, got " + length);
        }
        return value;
    }

    private static XattrMap xattrmap(String value) throws UsageException {
        try {
            return XattrMap.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--xattrmap: " + e.getMessage());
        }
    }

    private static IdMap idMap(String name, IdMap map, String value) throws UsageException {
        try {
            return map.plus(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    /** Rust declares this one {@code require_equals}; "fallback" is its deprecated alias of prefer. */
    private static InodeFileHandles fileHandles(String name, String inline) throws UsageException {
        if (inline == null || inline.isEmpty()) {
            throw new UsageException(name + " needs '=never', '=prefer' or '=mandatory'");
        }
        return choice(name, inline.equals("fallback") ? "prefer" : inline, InodeFileHandles.class);
    }

    /** {@code value} as {@code parser} reads it; its complaint becomes the usage line. */
    private static <T> T parsed(String name, String value, java.util.function.Function<String, T> parser)
            throws UsageException {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
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
