package dev.vfc.frontend;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Tells the frontend whether the daemon behind the socket is still alive, and whether one of its
 * threads died while the process lives on, so either becomes a verdict at once instead of a wait
 * that runs into its deadline.
 */
@FunctionalInterface
public interface DaemonWatch {

    /**
     * How long a fault line is given to turn into the process's death: a Rust panic with
     * {@code RUST_BACKTRACE} set, a C assertion (abort, perhaps writing a core dump), or a panic
     * hook that exits prints its line first and ends the process a moment later, which is a
     * crash, not a dead worker.
     */
    Duration FAULT_GRACE = Duration.ofSeconds(1);

    /** Empty while the daemon runs; once it has died, how (exit status or signal, last log lines). */
    Optional<String> death();

    /**
     * The log line that says a thread of the daemon died (a panic, an assertion failure, an
     * uncaught exception); empty while there is none, and for daemons whose log is not watched.
     */
    default Optional<String> faultLine() {
        return Optional.empty();
    }

    /**
     * Throws what the frontend's wait during {@code during} must end with, if anything: the
     * daemon died ({@link DaemonFailure.Crashed}), or a thread of it died and the process is
     * still alive {@link #FAULT_GRACE} later ({@link DaemonFailure.WorkerDied}).
     */
    default void check(String during) {
        Optional<String> how = death();
        if (how.isPresent()) {
            throw new DaemonFailure.Crashed(during, how.get());
        }
        Optional<String> fault = faultLine();
        if (fault.isEmpty()) {
            return;
        }
        long until = System.nanoTime() + FAULT_GRACE.toNanos();
        while (System.nanoTime() < until) {
            how = death();
            if (how.isPresent()) {
                throw new DaemonFailure.Crashed(during, how.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        how = death();
        if (how.isPresent()) {
            throw new DaemonFailure.Crashed(during, how.get());
        }
        throw new DaemonFailure.WorkerDied(during, faultLine().orElse(fault.get()));
    }

    /** For daemons the harness does not manage: it never reports a death. */
    DaemonWatch UNMANAGED = Optional::empty;
}
