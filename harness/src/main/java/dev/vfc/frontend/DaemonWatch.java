package dev.vfc.frontend;

import java.util.Optional;

/**
 * Tells the frontend whether the daemon behind the socket is still alive, so a dead daemon
 * becomes a verdict at once instead of a wait that runs into its deadline.
 */
@FunctionalInterface
public interface DaemonWatch {

    /** Empty while the daemon runs; once it has died, how (exit status or signal, last log lines). */
    Optional<String> death();

    /** For daemons the harness does not manage: it never reports a death. */
    DaemonWatch UNMANAGED = Optional::empty;
}
