package dev.vfc.targets;

import java.io.IOException;

/**
 * One kind of virtio-fs daemon the harness can run: the C virtiofsd, and later the bundled
 * Java daemon, the Rust virtiofsd, or a container image.
 *
 * <p>A target is cheap to create and holds no running process; each {@link #start} gives a
 * fresh daemon that the caller must {@link RunningDaemon#close() close}.
 */
public interface DaemonTarget {

    /** Stable short name used in results and reports: "c", later "java", "rust", "container:IMAGE". */
    String name();

    /**
     * Whether this target can run on this machine (binary present and executable, enough
     * privileges, ...). A test that needs the target skips with {@link Availability.Unavailable#reason()}.
     */
    Availability availability();

    /**
     * Starts a daemon serving {@link DaemonLaunch#sharedDir()} on {@link DaemonLaunch#socketPath()}.
     * Returns once the socket exists and is listening; nothing has connected to it yet.
     *
     * @throws DaemonStartException with the log tail if the daemon exits or its socket does not
     *     appear within {@link DaemonLaunch#startTimeout()}; the daemon is stopped by then
     * @throws IOException if the process cannot be started at all
     */
    RunningDaemon start(DaemonLaunch launch) throws IOException;

    /** This daemon's command-line arguments that switch {@code feature} on. */
    default java.util.List<String> argumentsFor(DaemonFeature feature) {
        return switch (feature) {
            case XATTR -> java.util.List.of("--xattr");
        };
    }

    /**
     * The whole environment its daemons start with, for results files: {@link DaemonEnvironment#BASE}
     * unless the target adds to it. Nothing comes from the harness's own environment.
     */
    default java.util.Map<String, String> environment() {
        return DaemonEnvironment.BASE;
    }

    /** What kind of daemon this is, for results files: java, c, rust, container. */
    default String kind() {
        return name().split("[ :=]", 2)[0];
    }
}
