package dev.vfc.targets;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Any daemon image, run with testcontainers: network mode none (never a bridge), the socket's
 * directory and the shared directory bind-mounted, and the vhost-user socket used from the
 * host as usual — memfds and eventfds cross it because the container shares the host's
 * kernel. The image's entrypoint is the daemon and takes the Rust virtiofsd's options (the
 * image the harness builds itself is trixie's Rust virtiofsd 1.13.2: {@link RustImage}).
 */
public final class ContainerTarget implements DaemonTarget {

    public static final String PREFIX = "container:";
    static final String SOCKET_DIR = "/run/vfc";
    static final String SHARE = "/share";

    private final String image;
    private volatile Availability availability;

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
            return inspected();
        } catch (NotFoundException e) {
            if (!image.equals(RustImage.NAME)) {
                return Availability.unavailable("image " + image + " is not present locally (no registry is reachable)");
            }
        }
        try {
            RustImage.build(image, RustProvisioner.standard(), line -> System.err.println("[vfc] " + line));
            return inspected();
        } catch (IOException | NotFoundException e) {
            return Availability.unavailable("image " + image + " is not present and could not be built: " + e.getMessage());
        }
    }

    private Availability inspected() {
        var inspected = DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        return Availability.available(image + " " + inspected.getId().substring(0, Math.min(19, inspected.getId().length())));
    }

    public List<String> daemonArguments(DaemonLaunch launch) {
        List<String> args = new ArrayList<>(List.of("--socket-path=" + SOCKET_DIR + "/" + launch.socketPath().getFileName(),
                "--shared-dir=" + SHARE, "--sandbox=none", "--log-level=debug"));
        args.addAll(launch.extraArgs());
        return args;
    }

    @Override
    public RunningDaemon start(DaemonLaunch launch) throws IOException {
        if (availability() instanceof Availability.Unavailable u) {
            throw new IOException("target '" + name() + "' is unavailable: " + u.reason());
        }
        Files.deleteIfExists(launch.socketPath());
        List<String> args = daemonArguments(launch);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("none")
                .withFileSystemBind(launch.socketPath().getParent().toString(), SOCKET_DIR, BindMode.READ_WRITE)
                .withFileSystemBind(launch.sharedDir().toString(), SHARE, BindMode.READ_WRITE)
                .withCommand(args.toArray(String[]::new))
                .withStartupCheckStrategy(new IsRunningStartupCheckStrategy())
                .waitingFor(new SocketAppears(launch.socketPath(), launch.startTimeout()));
        String command = "docker run --network none -v " + launch.socketPath().getParent() + ":" + SOCKET_DIR + " -v "
                + launch.sharedDir() + ":" + SHARE + " " + image + " " + String.join(" ", args);
        try {
            container.start();
        } catch (RuntimeException e) {
            String logs = container.getContainerId() == null ? "" : container.getLogs();
            container.stop();
            throw new DaemonStartException(name(), "the container did not start: " + e.getMessage(), command,
                    logs.lines().toList(), Optional.empty(), e);
        }
        return new ContainerDaemon(container, launch, command);
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
        private volatile boolean stopRequested;
        private volatile Optional<DaemonExit> exit = Optional.empty();
        private volatile List<String> finalLogs = List.of();

        ContainerDaemon(GenericContainer<?> container, DaemonLaunch launch, String command) {
            this.container = container;
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
        public Path socketPath() {
            return launch.socketPath();
        }

        @Override
        public Path logFile() {
            return launch.logFile();
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
                    finalLogs = container.getLogs().lines().toList();
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
            List<String> all = exit.isPresent() ? finalLogs : container.getLogs().lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        }

        @Override
        public String command() {
            return command;
        }

        @Override
        public synchronized void stop() {
            if (!stopRequested) {
                stopRequested = true;
                exit();
                if (exit.isEmpty()) {
                    finalLogs = container.getLogs().lines().toList();
                }
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
