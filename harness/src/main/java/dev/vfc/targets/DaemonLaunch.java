package dev.vfc.targets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to start one daemon. Paths are made absolute and normalized, so the command
 * line recorded for a repro does not depend on the working directory.
 *
 * @param socketPath the vhost-user socket the daemon listens on; must be shorter than
 *     {@value #MAX_SOCKET_PATH_BYTES} bytes (sun_path holds 108 bytes including the NUL)
 * @param sharedDir the directory the daemon serves
 * @param logFile receives the daemon's stdout and stderr (appended)
 * @param startTimeout how long {@link DaemonTarget#start} waits for the socket
 * @param extraArgs appended to the target's command line
 * @param settings whether the target adds the suite's settings (debug logging, ...) or runs
 *     the daemon with its own defaults
 */
public record DaemonLaunch(Path socketPath, Path sharedDir, Path logFile, Duration startTimeout,
                           List<String> extraArgs, Settings settings) {

    /** What a target adds to the daemon's command line besides the socket, the share and {@link #extraArgs}. */
    public enum Settings {
        /**
         * The suite's: each daemon logs at debug level (every request, for the drill-down) and
         * with the options its target describes (the C daemon's {@code sandbox=chroot},
         * {@code cache=always}).
         */
        SUITE,
        /**
         * The daemon's own defaults, as its users start it: no log level, cache or sandbox
         * option, so that a benchmark measures what runs in production, not debug logging.
         */
        DAEMON_DEFAULTS
    }

    /** Longest socket path in bytes that fits sun_path with its terminating NUL. */
    public static final int MAX_SOCKET_PATH_BYTES = 107;

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    public static final String SOCKET_FILE_NAME = "vhost-user.sock";
    public static final String LOG_FILE_NAME = "daemon.log";

    public DaemonLaunch {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(sharedDir, "sharedDir");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(extraArgs, "extraArgs");
        Objects.requireNonNull(settings, "settings");
        socketPath = socketPath.toAbsolutePath().normalize();
        sharedDir = sharedDir.toAbsolutePath().normalize();
        logFile = logFile.toAbsolutePath().normalize();
        extraArgs = List.copyOf(extraArgs);
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
        }
        int bytes = socketPath.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("socket path is " + bytes + " bytes, more than the "
                    + MAX_SOCKET_PATH_BYTES + " a unix socket address holds: " + socketPath);
        }
    }

    /** Socket {@code workDir/vhost-user.sock}, log {@code workDir/daemon.log}, 10 s start timeout, no extra args. */
    public static DaemonLaunch in(Path workDir, Path sharedDir) {
        return new DaemonLaunch(workDir.resolve(SOCKET_FILE_NAME), sharedDir, workDir.resolve(LOG_FILE_NAME),
                DEFAULT_START_TIMEOUT, List.of(), Settings.SUITE);
    }

    public DaemonLaunch withStartTimeout(Duration timeout) {
        return new DaemonLaunch(socketPath, sharedDir, logFile, timeout, extraArgs, settings);
    }

    public DaemonLaunch withExtraArgs(List<String> args) {
        return new DaemonLaunch(socketPath, sharedDir, logFile, startTimeout, args, settings);
    }

    public DaemonLaunch withExtraArgs(String... args) {
        return withExtraArgs(Arrays.asList(args));
    }

    /** This launch with {@code args} appended to the extra args it already has. */
    public DaemonLaunch plusExtraArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(Arrays.asList(args));
        return withExtraArgs(all);
    }

    public DaemonLaunch withLogFile(Path log) {
        return new DaemonLaunch(socketPath, sharedDir, log, startTimeout, extraArgs, settings);
    }

    public DaemonLaunch withSettings(Settings s) {
        return new DaemonLaunch(socketPath, sharedDir, logFile, startTimeout, extraArgs, s);
    }

    /** Whether the target should add the suite's settings ({@link Settings#SUITE}). */
    public boolean suiteSettings() {
        return settings == Settings.SUITE;
    }
}
