package dev.vfc.targets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A daemon started by a {@link DaemonTarget}, listening on {@link #socketPath()}.
 * Close it when done; closing a daemon that already exited is harmless.
 */
public interface RunningDaemon extends AutoCloseable {

    /** Name of the target that started it ("c", ...). */
    String targetName();

    /** What it was started with: its socket, its shared directory, its log file. */
    DaemonLaunch launch();

    default Path socketPath() {
        return launch().socketPath();
    }

    /** Where its stdout and stderr go. */
    default Path logFile() {
        return launch().logFile();
    }

    /** Operating-system process id, or -1 if it runs inside this JVM. */
    long pid();

    boolean isAlive();

    /** Present once it has exited. */
    Optional<DaemonExit> exit();

    /**
     * Waits up to {@code timeout} for it to exit (a C daemon exits when its frontend
     * disconnects). Empty if it is still running at the deadline.
     */
    Optional<DaemonExit> awaitExit(Duration timeout);

    /** Completes when it exits, whoever ended it. */
    CompletableFuture<DaemonExit> onExit();

    /**
     * True once {@link #stop()} was called, so a result can tell "we stopped it" from
     * "it died on its own" (a CRASH verdict).
     */
    boolean stopRequested();

    /** Last {@code lines} lines of its log (stdout and stderr) from this run, oldest first. */
    List<String> logTail(int lines);

    /** The command line, shell-quoted, for results and repro. */
    String command();

    /** The environment it was started with, whole (a daemon in this JVM: empty, it has none of its own). */
    default java.util.Map<String, String> environment() {
        return java.util.Map.of();
    }

    /**
     * The first line of its log that says one of its threads died (a panic, an assertion, an
     * uncaught exception), while the process itself may live on; empty if there is none.
     */
    default Optional<String> faultLine() {
        return Optional.empty();
    }

    /** SIGTERM, wait up to 3 s, then SIGKILL; idempotent, returns within a few seconds. */
    void stop();

    /** Same as {@link #stop()}. */
    @Override
    void close();
}
