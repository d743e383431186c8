package dev.vfc.targets;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A daemon running as an operating-system process, for every target that runs one (the C
 * virtiofsd now; the Java daemon as {@code java -jar} and the Rust virtiofsd through its
 * loader later).
 *
 * <ul>
 *   <li>the environment is cleared, then set to {@link DaemonEnvironment#BASE} plus what the
 *       target adds ({@link Launcher#environment}): nothing of the harness's own environment
 *       reaches the daemon;</li>
 *   <li>stdout and stderr are appended to {@link DaemonLaunch#logFile()} by the OS (never a
 *       pipe that could fill up and block the daemon); stdin is /dev/null;</li>
 *   <li>{@link Launcher#start} waits, with Awaitility and the launch's deadline, until the
 *       socket is listening, and fails at once (with the log tail) if the process dies;</li>
 *   <li>{@link #stop()} sends SIGTERM, waits up to the grace period (3 s), then SIGKILLs the
 *       process and anything it forked;</li>
 *   <li>daemons still running when the JVM exits are killed by a shutdown hook.</li>
 * </ul>
 */
public final class ProcessDaemon implements RunningDaemon {

    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(3);
    /** How long to wait for the kernel to reap a SIGKILLed process. */
    static final Duration KILL_WAIT = Duration.ofSeconds(2);
    static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    /** How many log lines a {@link DaemonStartException} carries. */
    static final int START_FAILURE_LOG_LINES = 40;

    private static final Set<ProcessDaemon> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ProcessDaemon d : LIVE) {
                d.process.descendants().forEach(ProcessHandle::destroyForcibly);
                d.process.destroyForcibly();
            }
        }, "vfc-daemon-reaper"));
    }

    private final String targetName;
    private final List<String> argv;
    private final Map<String, String> environment;
    private final LogFaults faults;
    private final String command;
    private final Process process;
    private final DaemonLaunch launch;
    private final long logStart;
    private final Duration stopGrace;
    private final CompletableFuture<DaemonExit> onExit;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    private ProcessDaemon(String targetName, List<String> argv, Map<String, String> environment, Process process,
                          DaemonLaunch launch, long logStart, Duration stopGrace, LongConsumer afterExit) {
        this.targetName = targetName;
        this.argv = argv;
        this.environment = environment;
        this.faults = new LogFaults(launch.logFile(), logStart);
        this.command = shellQuote(argv);
        this.process = process;
        this.launch = launch;
        this.logStart = logStart;
        this.stopGrace = stopGrace;
        LIVE.add(this);
        this.onExit = process.onExit().thenApply(p -> {
            LIVE.remove(this);
            try {
                afterExit.accept(p.pid());
            } catch (RuntimeException ignored) {
                // clean-up is best effort; the exit itself is what matters
            }
            return DaemonExit.fromExitValue(p.exitValue());
        });
    }

    /** Starts describing a process daemon; {@code argv} is the full command line. */
    public static Launcher launcher(String targetName, List<String> argv) {
        return new Launcher(targetName, argv);
    }

    /** How to run one daemon process. Reusable: each {@link #start} runs a new process. */
    public static final class Launcher {
        private final String targetName;
        private final List<String> argv;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory;
        private Predicate<Path> readiness = UnixSockets::isReady;
        private LongConsumer afterExit = pid -> { };
        private Duration stopGrace = DEFAULT_STOP_GRACE;

        private Launcher(String targetName, List<String> argv) {
            this.targetName = Objects.requireNonNull(targetName, "targetName");
            this.argv = List.copyOf(argv);
            if (this.argv.isEmpty()) {
                throw new IllegalArgumentException("empty command line");
            }
        }

        /**
         * Sets an environment variable for the daemon, on top of {@link DaemonEnvironment#BASE};
         * this JVM's own environment is never passed on.
         */
        public Launcher environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** The daemon's whole environment: {@link DaemonEnvironment#BASE} plus what was set here. */
        public Map<String, String> environment() {
            return DaemonEnvironment.with(environment);
        }

        public Launcher workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /**
         * When the daemon counts as started. The default is "the socket file exists and
         * /proc/net/unix lists it as listening (or does not list it at all)"; it never connects,
         * because the C virtiofsd accepts only one connection.
         */
        public Launcher readiness(Predicate<Path> socketReady) {
            this.readiness = Objects.requireNonNull(socketReady);
            return this;
        }

        /**
         * Runs once after the process has exited, with its pid (for example to remove a pid
         * file it left). Runs on a JDK thread; exceptions are ignored.
         */
        public Launcher afterExit(LongConsumer cleanup) {
            this.afterExit = Objects.requireNonNull(cleanup);
            return this;
        }

        /** How long {@link ProcessDaemon#stop()} waits after SIGTERM before SIGKILL. */
        public Launcher stopGrace(Duration grace) {
            this.stopGrace = Objects.requireNonNull(grace);
            return this;
        }

        public List<String> argv() {
            return argv;
        }

        /**
         * Starts the process and waits until its socket is ready.
         *
         * @throws DaemonStartException if the process cannot be run, exits, or its socket is not
         *     ready within {@link DaemonLaunch#startTimeout()}; the process is stopped by then
         * @throws IOException if the socket path is taken by something that is not a socket, or
     *     by a socket something listens on
         */
        public ProcessDaemon start(DaemonLaunch launch) throws IOException {
            prepareSocketPath(launch.socketPath());
            Path log = launch.logFile();
            if (log.getParent() != null) {
                Files.createDirectories(log.getParent());
            }
            long logStart = LogTail.sizeOf(log);
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (workingDirectory != null) {
                pb.directory(workingDirectory.toFile());
            }
            DaemonEnvironment.replace(pb.environment(), environment());
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new DaemonStartException(targetName, "cannot run it: " + e.getMessage(), shellQuote(argv),
                        LogTail.read(log, logStart, START_FAILURE_LOG_LINES), Optional.empty(), e);
            }
            ProcessDaemon daemon = new ProcessDaemon(targetName, argv, environment(), process, launch, logStart,
                    stopGrace, afterExit);
            daemon.awaitReady(readiness);
            return daemon;
        }
    }

    /**
     * Makes the socket's directory and removes a stale socket file, so that the file appearing
     * means the new daemon made it. A socket that something still listens on is left alone.
     */
    private static void prepareSocketPath(Path socket) throws IOException {
        if (socket.getParent() != null) {
            Files.createDirectories(socket.getParent());
        }
        switch (UnixSockets.state(socket)) {
            case ABSENT:
                break;
            case NOT_A_SOCKET:
                throw new IOException("socket path " + socket + " is taken by something that is not a socket");
            case LISTENING:
                throw new IOException("socket path " + socket + " is in use: something listens on it (another daemon?)");
            default:
                Files.delete(socket);
        }
    }

    private void awaitReady(Predicate<Path> readiness) throws DaemonStartException {
        Path socket = launch.socketPath();
        Duration timeout = launch.startTimeout();
        try {
            Awaitility.await("daemon '" + targetName + "' to listen on " + socket)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .pollInSameThread()
                    .failFast("daemon '" + targetName + "' exited", () -> !process.isAlive())
                    .until(() -> readiness.test(socket));
        } catch (TerminalFailureException e) {
            throw startFailure("it exited (" + describeExit() + ") before its socket " + socket + " was listening", e);
        } catch (ConditionTimeoutException e) {
            throw startFailure("its socket " + socket + " was not listening after " + timeout.toMillis() + " ms", e);
        } catch (RuntimeException e) {
            throw startFailure("waiting for its socket failed: " + e, e);
        }
        if (!process.isAlive()) {
            throw startFailure("it exited (" + describeExit() + ") right after creating its socket " + socket, null);
        }
    }

    private String describeExit() {
        return exit().map(DaemonExit::describe).orElse("still running");
    }

    private DaemonStartException startFailure(String problem, Throwable cause) {
        stop();
        return new DaemonStartException(targetName, problem, command, logTail(START_FAILURE_LOG_LINES), exit(), cause);
    }

    @Override
    public String targetName() {
        return targetName;
    }

    @Override
    public DaemonLaunch launch() {
        return launch;
    }

    /** The command line as run, one argument per element. */
    public List<String> argv() {
        return argv;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** The OS handle, for signals Java has no method for ({@code kill -ABRT}) or inspection. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public Optional<DaemonExit> exit() {
        return process.isAlive() ? Optional.empty() : Optional.of(DaemonExit.fromExitValue(process.exitValue()));
    }

    @Override
    public Optional<DaemonExit> awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return exit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exit();
    }

    @Override
    public CompletableFuture<DaemonExit> onExit() {
        return onExit.copy();
    }

    @Override
    public boolean stopRequested() {
        return stopRequested.get();
    }

    @Override
    public List<String> logTail(int lines) {
        return LogTail.read(launch.logFile(), logStart, lines);
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Optional<String> faultLine() {
        return faults.first();
    }

    @Override
    public void stop() {
        stop(stopGrace);
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL the process and whatever it forked. */
    public synchronized void stop(Duration grace) {
        stopRequested.set(true);
        boolean interrupted = false;
        List<ProcessHandle> children = new ArrayList<>();
        if (process.isAlive()) {
            children.addAll(process.descendants().toList());
            process.destroy();
            try {
                if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        if (process.isAlive()) {
            try {
                process.waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "daemon '" + targetName + "' pid " + pid() + " on " + socketPath() + " ("
                + exit().map(DaemonExit::describe).orElse("running") + ")";
    }

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** The command line as a POSIX shell would need it typed. */
    static String shellQuote(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String arg : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (!arg.isEmpty() && SHELL_SAFE.matcher(arg).matches()) {
                sb.append(arg);
            } else {
                sb.append('\'').append(arg.replace("'", "'\\''")).append('\'');
            }
        }
        return sb.toString();
    }
}
