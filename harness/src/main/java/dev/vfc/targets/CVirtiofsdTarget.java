package dev.vfc.targets;

import dev.vfc.host.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The C virtiofsd from QEMU 7.2 (Debian package qemu-system-common), the reference daemon
 * that served OVMF's 4 MiB READ when the Rust one refused it.
 *
 * <p>Command line: {@code virtiofsd --socket-path=S -o source=DIR -o sandbox=chroot
 * -o cache=always -d} plus {@link DaemonLaunch#extraArgs()}; with {@link
 * DaemonLaunch.Settings#DAEMON_DEFAULTS}, only the socket and the source. {@code -d} logs every request
 * ({@code lo_read(ino=3, size=4182016, off=0)}).
 *
 * <p>What it does, measured on Debian 12 as root:
 * <ul>
 *   <li>binds and listens about 30 ms after exec, logs "Waiting for vhost-user socket
 *       connection...", and blocks in accept; it unlinks a stale socket file first;</li>
 *   <li>takes a lock on the pid file {@code /var/run/virtiofsd/<socket path with '/' replaced
 *       by '.'>.pid}; a second daemon on the same socket path exits 1 with "Cannot lock pid
 *       file"; the file stays after exit, so this target removes it once the daemon is gone;</li>
 *   <li>a missing source directory makes it exit 1 at once ("failed to stat source"), before
 *       it creates its socket; an unknown option likewise ("fuse: unknown option(s)");</li>
 *   <li>it accepts one connection, then closes the listening socket (the file stays): a second
 *       connect is refused; when the frontend disconnects it exits 0;</li>
 *   <li>SIGTERM while waiting for the connection: exit 1 ("vhost socket accept: Interrupted
 *       system call").</li>
 * </ul>
 */
public final class CVirtiofsdTarget implements DaemonTarget {

    public static final String NAME = "c";
    public static final Path DEFAULT_BINARY = Path.of("/usr/lib/qemu/virtiofsd");
    public static final String DEBIAN_PACKAGE = "qemu-system-common";
    /** Where QEMU 7.2's virtiofsd (as built by Debian) keeps its pid files. */
    public static final Path PID_DIR = Path.of("/var/run/virtiofsd");

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Path binary;
    private final BooleanSupplier isRoot;
    private volatile Availability availability;

    public CVirtiofsdTarget() {
        this(DEFAULT_BINARY);
    }

    public CVirtiofsdTarget(Path binary) {
        this(binary, Host::isRoot);
    }

    /** For tests: decides "are we root" with {@code isRoot}. */
    CVirtiofsdTarget(Path binary, BooleanSupplier isRoot) {
        this.binary = Objects.requireNonNull(binary, "binary").toAbsolutePath().normalize();
        this.isRoot = Objects.requireNonNull(isRoot, "isRoot");
    }

    @Override
    public String name() {
        return NAME;
    }

    public Path binary() {
        return binary;
    }

    /** Checked once per target object, then remembered. */
    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = probe();
            availability = a;
        }
        return a;
    }

    private Availability probe() {
        if (!Files.exists(binary)) {
            return Availability.unavailable(binary + " not found: install the Debian package " + DEBIAN_PACKAGE);
        }
        if (!Files.isRegularFile(binary)) {
            return Availability.unavailable(binary + " is not a regular file");
        }
        if (!Files.isExecutable(binary)) {
            return Availability.unavailable(binary + " is not executable");
        }
        if (!isRoot.getAsBoolean()) {
            return Availability.unavailable("the C virtiofsd needs root (for its sandbox and its pid file under "
                    + PID_DIR + "); this JVM runs as " + Host.whoAmI());
        }
        return Availability.available(version().orElse("unknown"));
    }

    /**
     * First line of {@code virtiofsd --version} ("virtiofsd version 7.2.22 (Debian
     * 1:7.2+dfsg-7+deb12u18+b3)"), or for the packaged binary the package version from dpkg.
     */
    private Optional<String> version() {
        Optional<String> v = Host.firstLineOf(List.of(binary.toString(), "--version"), PROBE_TIMEOUT);
        if (v.isPresent() || !binary.equals(DEFAULT_BINARY)) {
            return v;
        }
        return Host.firstLineOf(List.of("dpkg-query", "-W", "-f", "${Version}", DEBIAN_PACKAGE), PROBE_TIMEOUT)
                .map(pkg -> DEBIAN_PACKAGE + " " + pkg);
    }

    /** The full command line this target runs for {@code launch}. */
    public List<String> commandLine(DaemonLaunch launch) {
        List<String> argv = new ArrayList<>(List.of(
                binary.toString(),
                "--socket-path=" + launch.socketPath(),
                "-o", "source=" + launch.sharedDir()));
        if (launch.suiteSettings()) {
            argv.addAll(List.of("-o", "sandbox=chroot", "-o", "cache=always", "-d"));
        }
        argv.addAll(launch.extraArgs());
        return argv;
    }

    /** The pid file the daemon locks for {@code socket}: every '/' of the path becomes '.'. */
    public static Path pidFile(Path socket) {
        return PID_DIR.resolve(socket.toAbsolutePath().normalize().toString().replace('/', '.') + ".pid");
    }

    @Override
    public List<String> argumentsFor(DaemonFeature feature) {
        return switch (feature) {
            case XATTR -> List.of("-o", "xattr");
        };
    }

    @Override
    public RunningDaemon start(DaemonLaunch launch) throws IOException {
        Availability a = availability();
        if (a instanceof Availability.Unavailable u) {
            throw new IOException("target '" + NAME + "' is unavailable: " + u.reason());
        }
        Path pidFile = pidFile(launch.socketPath());
        return ProcessDaemon.launcher(NAME, commandLine(launch))
                .afterExit(pid -> removePidFile(pidFile, pid))
                .start(launch);
    }

    /**
     * Removes the daemon's pid file after it exited, but only if it still names that daemon:
     * a newer daemon on the same socket path may have taken it over, and a daemon that failed
     * with "Cannot lock pid file" must not remove the file of the daemon that holds it.
     */
    private static void removePidFile(Path pidFile, long pid) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return;
            }
            String content = new String(Files.readAllBytes(pidFile), StandardCharsets.US_ASCII).strip();
            if (content.equals(Long.toString(pid))) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException | RuntimeException ignored) {
            // a leftover pid file is harmless: the daemon's lock on it is gone with the process
        }
    }

    @Override
    public String toString() {
        return "C virtiofsd " + binary;
    }
}
