package dev.vfc.targets;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.LogConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Any daemon image, run with testcontainers: network mode none (never a bridge), and the
 * vhost-user socket used from the host as usual — memfds and eventfds cross it because the
 * container shares the host's kernel. The image's entrypoint is the daemon and takes the Rust
 * virtiofsd's options (the image the harness builds itself is trixie's Rust virtiofsd
 * 1.13.2, {@link RustImage#RELEASE}).
 *
 * <p>The scenario's directory (the parent of the share and of the socket's directory) is
 * bind-mounted at the same absolute path inside the container, and the daemon is given the
 * host's paths: its view and the harness's agree, so a hostile name that escapes the share
 * lands where the host-side checks look (an absolute name under the scenario's directory, a
 * "../" beside the share), and a rename across the share's boundary is not a rename across a
 * mount. Paths outside that directory ({@code /etc}) are the container's own, not the host's.
 * The daemon runs {@code --sandbox=none}: the container is its sandbox.
 *
 * <p>Its environment is {@link DaemonEnvironment#BASE}, set explicitly; Docker adds
 * {@code HOSTNAME} (the container's id) and {@code HOME}, which {@link #environment()} records
 * as the last container actually had them.
 */
public final class ContainerTarget implements DaemonTarget {

    public static final String PREFIX = "container:";

    private final String image;
    private volatile Availability availability;
    private volatile Map<String, String> observedEnvironment;

    public ContainerTarget(String image) {
        if (image.isBlank()) {
            throw new IllegalArgumentException("a container target needs an image: container:IMAGE");
        }
        this.image = image;
    }

    public String image() {
        return image;
    }

    @Override
    public String name() {
        return PREFIX + image;
    }

    @Override
    public String kind() {
        return "container";
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            availability = probe();
        }
        return availability;
    }

    private Availability probe() {
        try {
            return probeEngine();
        } catch (RuntimeException e) {
            return Availability.unavailable("the Docker engine answered with an error: " + e.getMessage()
                    + " (run with TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true"
                    + " TESTCONTAINERS_HOST_OVERRIDE=localhost, as ./vfc and the build do)");
        }
    }

    private Availability probeEngine() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Availability.unavailable("no Docker engine reachable (install docker.io and start dockerd "
                    + "--bridge=none --iptables=false --ip6tables=false)");
        }
        try {
            if (!image.equals(RustImage.NAME) || RustImage.RELEASE.debianVersion().equals(debianVersion())) {
                return inspected();
            }
        } catch (NotFoundException e) {
            if (!image.equals(RustImage.NAME)) {
                return Availability.unavailable("image " + image + " is not present locally (no registry is reachable)");
            }
        }
        try {
            RustImage.build(image, RustProvisioner.standard(RustImage.RELEASE), line -> System.err.println("[vfc] " + line));
            return inspected();
        } catch (IOException | NotFoundException e) {
            return Availability.unavailable("image " + image + " is not present and could not be built: " + e.getMessage());
        }
    }

    private Availability inspected() {
        var inspected = DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        String debian = debianVersion();
        return Availability.available(image + " " + inspected.getId().substring(0, Math.min(19, inspected.getId().length()))
                + (debian == null ? "" : " (Debian virtiofsd " + debian + ")"));
    }

    /** The Debian version the harness's own image was built from ({@link RustImage#DEBIAN_VERSION_LABEL}), or null. */
    private String debianVersion() {
        var config = DockerClientFactory.instance().client().inspectImageCmd(image).exec().getConfig();
        Map<String, String> labels = config == null ? null : config.getLabels();
        return labels == null ? null : labels.get(RustImage.DEBIAN_VERSION_LABEL);
    }

    /** The daemon's arguments: the host's own paths, which the container sees at the same place ({@link #mounts}). */
    public List<String> daemonArguments(DaemonLaunch launch) {
        List<String> args = new ArrayList<>(List.of("--socket-path=" + launch.socketPath(),
                "--shared-dir=" + launch.sharedDir(), "--sandbox=none"));
        if (launch.suiteSettings()) {
            args.add("--log-level=debug");
        }
        args.addAll(launch.extraArgs());
        return args;
    }

    /**
     * The host directories mounted at the same path inside: the share's parent when the socket's
     * directory sits beside the share in it (a scenario's directory: {@code dir/shared} and
     * {@code dir/w}), else the share and the socket's directory each. Never {@code /} or the
     * system's temporary directory, which two unrelated temporary directories also share.
     */
    static List<Path> mounts(DaemonLaunch launch) {
        Path shareParent = launch.sharedDir().getParent();
        Path socketDir = launch.socketPath().getParent();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (shareParent != null && shareParent.getParent() != null && !shareParent.equals(tmp)
                && shareParent.equals(socketDir.getParent())) {
            return List.of(shareParent);
        }
        return socketDir.startsWith(launch.sharedDir()) ? List.of(launch.sharedDir())
                : List.of(launch.sharedDir(), socketDir);
    }

    /**
     * What the last container's daemon had as its environment ({@code /proc/PID/environ}, with
     * HOSTNAME's per-container value replaced by {@code <container id>}), or
     * {@link DaemonEnvironment#BASE} before any started.
     */
    @Override
    public Map<String, String> environment() {
        Map<String, String> seen = observedEnvironment;
        return seen == null ? DaemonEnvironment.BASE : seen;
    }

    @Override
    public RunningDaemon start(DaemonLaunch launch) throws IOException {
        if (availability() instanceof Availability.Unavailable u) {
            throw new IOException("target '" + name() + "' is unavailable: " + u.reason());
        }
        Files.deleteIfExists(launch.socketPath());
        List<String> args = daemonArguments(launch);
        Files.createDirectories(launch.socketPath().getParent());
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("none")
                .withEnv(DaemonEnvironment.BASE)
                .withCommand(args.toArray(String[]::new))
                .withStartupCheckStrategy(new IsRunningStartupCheckStrategy())
                // Docker's own copy of the output is capped (the log consumer keeps the daemon's log).
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withLogConfig(new LogConfig(
                        LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "64m", "max-file", "1"))))
                .waitingFor(new SocketAppears(launch.socketPath(), launch.startTimeout()));
        StringBuilder command = new StringBuilder("docker run --network none");
        DaemonEnvironment.BASE.forEach((k, v) -> command.append(" -e ").append(k).append('=').append(v));
        for (Path dir : mounts(launch)) {
            container.withFileSystemBind(dir.toString(), dir.toString(), BindMode.READ_WRITE);
            command.append(" -v ").append(dir).append(':').append(dir);
        }
        command.append(' ').append(image).append(' ').append(String.join(" ", args));
        Path log = launch.logFile();
        long logStart = LogTail.sizeOf(log);
        container.withLogConsumer(frame -> appendTo(log, frame.getBytes()));
        try {
            container.start();
        } catch (RuntimeException e) {
            String logs = container.getContainerId() == null ? "" : container.getLogs();
            container.stop();
            throw new DaemonStartException(name(), "the container did not start: " + e.getMessage(), command.toString(),
                    logs.lines().toList(), Optional.empty(), e);
        }
        ContainerDaemon daemon = new ContainerDaemon(container, launch, command.toString(), new LogFaults(log, logStart),
                logStart);
        if (daemon.pid() > 0) {
            observedEnvironment = environOf(daemon.pid());
        }
        return daemon;
    }

    /** Appends a frame of the container's output to the daemon's log, where {@link LogFaults} reads it. */
    private static synchronized void appendTo(Path log, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return;
        }
        try {
            Files.write(log, bytes, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the Docker API still has the logs; only the early fault verdict needs the file
        }
    }

    /** A process's environment as the kernel holds it, HOSTNAME's value generalised; empty if unreadable. */
    static Map<String, String> environOf(long pid) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            for (String entry : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    String key = entry.substring(0, eq);
                    env.put(key, key.equals("HOSTNAME") ? "<container id>" : entry.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            return DaemonEnvironment.BASE;
        }
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(env));
    }

    /** Ready once the daemon's socket shows up on the host side of the bind mount. */
    private static final class SocketAppears extends AbstractWaitStrategy {
        private final Path socket;

        SocketAppears(Path socket, Duration timeout) {
            this.socket = socket;
            withStartupTimeout(timeout);
        }

        @Override
        protected void waitUntilReady() {
            org.awaitility.Awaitility.await("socket " + socket + " from the container").atMost(startupTimeout)
                    .pollInterval(Duration.ofMillis(20)).until(() -> Files.exists(socket));
        }
    }

    /** A daemon in a container, watched and stopped through the Docker API. */
    private static final class ContainerDaemon implements RunningDaemon {
        private final GenericContainer<?> container;
        private final DaemonLaunch launch;
        private final String command;
        private final long pid;
        private final LogFaults faults;
        private volatile boolean stopRequested;
        private volatile Optional<DaemonExit> exit = Optional.empty();
        /** Where this container's output starts in the log the log consumer appends to. */
        private final long logStart;

        ContainerDaemon(GenericContainer<?> container, DaemonLaunch launch, String command, LogFaults faults,
                long logStart) {
            this.logStart = logStart;
            this.container = container;
            this.faults = faults;
            this.launch = launch;
            this.command = command;
            Integer hostPid = container.getContainerInfo().getState().getPid();
            this.pid = hostPid == null ? -1 : hostPid;
        }

        private DockerClient client() {
            return DockerClientFactory.instance().client();
        }

        @Override
        public String targetName() {
            return PREFIX + container.getDockerImageName();
        }

        @Override
        public DaemonLaunch launch() {
            return launch;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public synchronized boolean isAlive() {
            return exit().isEmpty();
        }

        @Override
        public synchronized Optional<DaemonExit> exit() {
            if (exit.isPresent()) {
                return exit;
            }
            try {
                InspectContainerResponse.ContainerState state = client().inspectContainerCmd(container.getContainerId())
                        .exec().getState();
                if (Boolean.FALSE.equals(state.getRunning())) {
                    Long code = state.getExitCodeLong();
                    exit = Optional.of(DaemonExit.fromExitValue(code == null ? -1 : code.intValue()));
                }
            } catch (NotFoundException e) {
                exit = Optional.of(DaemonExit.exited(-1));
            }
            return exit;
        }

        @Override
        public Optional<DaemonExit> awaitExit(Duration timeout) {
            try {
                org.awaitility.Awaitility.await("container exit").atMost(timeout).pollInterval(Duration.ofMillis(50))
                        .until(() -> exit().isPresent());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                return Optional.empty();
            }
            return exit();
        }

        @Override
        public CompletableFuture<DaemonExit> onExit() {
            return CompletableFuture.supplyAsync(() -> {
                while (true) {
                    Optional<DaemonExit> e = awaitExit(Duration.ofSeconds(1));
                    if (e.isPresent()) {
                        return e.get();
                    }
                }
            });
        }

        @Override
        public boolean stopRequested() {
            return stopRequested;
        }

        @Override
        public List<String> logTail(int lines) {
            // The tail of the copy the log consumer keeps, not Docker's whole log: a daemon whose
            // worker spins logging an error (the Rust virtiofsd on an avail index past its ring)
            // writes gigabytes in a minute, and reading all of it would stall the verdict.
            return LogTail.read(launch.logFile(), logStart, lines);
        }

        @Override
        public String command() {
            return command;
        }

        @Override
        public Optional<String> faultLine() {
            return faults.first();
        }

        @Override
        public synchronized void stop() {
            if (!stopRequested) {
                stopRequested = true;
                exit();
                container.stop();
                try {
                    Files.deleteIfExists(launch.socketPath());
                } catch (IOException ignored) {
                    // a stale socket file is replaced at the next start
                }
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
