package dev.vfc.daemon;

import dev.vfc.passthrough.Features;
import dev.vfc.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's command line, with the Rust virtiofsd 1.13's option names, meanings and syntax
 * (src/main.rs {@code Opt}), accepted as {@code --opt value} or {@code --opt=value}, and the C
 * virtiofsd's {@code -o source=DIR,cache=none|auto|always} forms. {@link CommandLine} parses it.
 *
 * @param listen   where to wait for the frontend ({@code --socket-path} or {@code --fd})
 * @param sandbox  {@code --sandbox}, {@code --seccomp}, {@code --modcaps}, {@code --uid-map},
 *                 {@code --gid-map}: the confinement entered before the first message is served
 * @param features the passthrough filesystem's optional behaviours
 * @param daemon   the options for the rest of the daemon
 */
public record DaemonOptions(Listen listen, Path sharedDir, int threadPoolSize, Cache cache, boolean xattr,
        boolean readonly, LogLevel logLevel, int requestQueues, Optional<Fault> fault,
        SandboxOptions sandbox, Action action, Features features, DaemonFeatures daemon) {

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

    public enum Action { SERVE, HELP, VERSION, PRINT_CAPABILITIES }

    /** The socket path, or null when serving on {@code --fd}. */
    public Path socketPath() {
        return ListeningSocket.path(listen).orElse(null);
    }

    /** These options, listening as {@code to} says (the launcher step's socket, once inherited). */
    public DaemonOptions withListen(Listen to) {
        return new DaemonOptions(to, sharedDir, threadPoolSize, cache, xattr, readonly, logLevel, requestQueues, fault,
                sandbox, action, features, daemon);
    }

    public static final String USAGE = """
            Usage: vfc-daemon --socket-path PATH --shared-dir DIR [options]
                   vfc-daemon --fd N --shared-dir DIR [options]
                   vfc-daemon -o source=DIR[,cache=none|auto|always] --socket-path PATH [options]

            Serves DIR to one vhost-user frontend (QEMU's vhost-user-fs-pci) over the unix
            socket PATH, and exits when that frontend disconnects. Options have the names,
            meanings and defaults of the Rust virtiofsd 1.13.

            Options:
              --socket-path PATH        vhost-user socket to listen on (--socket is an alias)
              --socket-group GROUP      give the socket this group (and group rw) after binding
              --fd N                    serve on this inherited, listening socket instead (excludes --socket-path)
              --shared-dir DIR          directory to share (required)
              --tag TAG                 offer VHOST_USER_PROTOCOL_F_CONFIG; GET_CONFIG answers the virtio-fs
                                        config space: TAG (at most 36 bytes) and the number of request queues
              --thread-pool-size N      worker threads per daemon (default 0: each queue serves on its own thread)
              --cache auto|always|never entry and attribute cache timeouts: 1 s, 1 day, 0 (default auto)
              --allow-mmap              with --cache never, let the guest mmap files shared (the Java daemon
                                        leaves FOPEN_DIRECT_IO off: FUSE_DIRECT_IO_ALLOW_MMAP is newer than 7.38)
              --no-readdirplus          do not offer READDIRPLUS (also off with --cache never)
              --writeback               offer FUSE_WRITEBACK_CACHE; write-only opens become read-write, no O_APPEND
              --allow-direct-io         pass the guest's O_DIRECT to the host (default: stripped)
              --preserve-noatime        pass the guest's O_NOATIME to the host (default: stripped)
              --xattr                   enable extended attributes (default off: xattr requests get ENOSYS)
              --posix-acl               offer FUSE_POSIX_ACL (implies --xattr; excludes --translate-uid/-gid);
                                        without it system.posix_acl_* names are ENOTSUP
              --xattrmap RULES          map xattr names, Rust syntax: :prefix|ok|bad|unsupported:client|server|all:KEY:PREPEND:
                                        and :map:KEY:PREPEND: (implies --xattr)
              --security-label          accepted as Rust (implies --xattr); FUSE_SECURITY_CTX is not offered yet,
                                        so the guest labels files with SETXATTR itself
              --announce-submounts      offer FUSE_SUBMOUNTS; directories on another device are marked FUSE_ATTR_SUBMOUNT
              --no-announce-submounts   the default
              --killpriv-v2             offer FUSE_HANDLE_KILLPRIV_V2: the daemon clears suid/sgid on writes,
                                        truncations and chowns the guest marks KILL_SUIDGID
              --no-killpriv-v2          the default
              --inode-file-handles=never|prefer|mandatory
                                        mandatory: refuse to start unless the share gives file handles and the
                                        daemon has CAP_DAC_READ_SEARCH; prefer (default): warn; never: no check.
                                        Nodes are always O_PATH descriptors in the Java daemon
              --translate-uid MAP       translate uids: map:G:H:N, guest:G:H:N, host:H:G:N, squash-guest:G:H:N,
                                        squash-host:H:G:N, forbid-guest:G:N (repeatable)
              --translate-gid MAP       the same for gids
              --readonly                refuse every modification with EROFS
              --rlimit-nofile N         set RLIMIT_NOFILE to N (0: leave it); default min(1000000, fs.nr_open)
              --log-level LEVEL         error, warn, info, debug, trace or off (default info)
              --syslog                  log to syslog (/dev/log) instead of stderr
              --print-capabilities      print the vhost-user backend capabilities (JSON) and exit
              -o OPT[,OPT...]           the C virtiofsd's forms: source=DIR, cache=none|auto|always
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
                                        re-executes itself (same pid) under unshare(1) --mount --net
                                        and setpriv(1) from util-linux, which must be installed; as
                                        root the daemon is then pid 1 of a pid namespace under a
                                        /bin/sh that passes SIGTERM, SIGINT and SIGHUP on (a JVM
                                        cannot enter one; see README); not root, no pid namespace
              --seccomp kill|log|trap|none
                                        what a syscall outside the measured allow-list does (default
                                        kill: the daemon dies with SIGSYS, as Rust's; log: allowed and
                                        logged by the kernel; trap: SIGSYS to the thread). x86_64 only
              --modcaps CHANGES         change what the serving threads keep under namespace and chroot, as
                                        Rust: +cap or -cap, colon-separated, e.g. +sys_admin:-mknod
              --uid-map :IN:OUT:COUNT:  not root, --sandbox=namespace: the user namespace's uid map, written by
                                        newuidmap(1) (default: the daemon's uid is 0 inside)
              --gid-map :IN:OUT:COUNT:  the same for gids, by newgidmap(1)
              --inject-fault NAME       misbehave on purpose: read-limit-1mib (ENOMEM for READ > 1 MiB,
                                        as the Rust virtiofsd 1.0-1.6.0), no-call-notification (never
                                        signal the call eventfd), no-call-after-renew (ignore every
                                        SET_VRING_CALL after a ring's first reply); for testing the suite
              --help                    show this and exit
              --version                 show the version and exit

            Out of scope for now: migration (--migration-mode, --migration-on-error,
            --migration-verify-handles, --migration-confirm-paths) and DAX (no cache window).
            """;

    /** Parses {@code args}; the exception message is a single line naming the problem. */
    public static DaemonOptions parse(List<String> args) throws UsageException {
        return CommandLine.parse(args);
    }
}
