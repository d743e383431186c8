package dev.vfc.frontend;

/**
 * The daemon stopped being a peer: it died, it stopped answering, or it broke the transport
 * contract so badly that the exchange cannot go on, or one of its threads died and the rest
 * lives on. Scenarios turn these into CRASH, HANG and TIMEOUT verdicts; they are unchecked so typed session calls stay readable.
 */
public abstract sealed class DaemonFailure extends RuntimeException
        permits DaemonFailure.Crashed, DaemonFailure.WorkerDied, DaemonFailure.TimedOut, DaemonFailure.Misbehaved {

    private DaemonFailure(String message) {
        super(message);
    }

    /** The daemon process died, or closed the vhost-user socket. */
    public static final class Crashed extends DaemonFailure {
        public Crashed(String during, String how) {
            super("daemon died during " + during + ": " + how);
        }
    }

    /**
     * A thread of the daemon died (its log says so: a panic, an assertion failure, an uncaught
     * exception) and the process lives on, still holding the socket: a guest waiting on that
     * thread's queue waits forever.
     */
    public static final class WorkerDied extends DaemonFailure {
        private final String line;

        public WorkerDied(String during, String line) {
            super("a worker died during " + during + ": " + line + "; the process lives on");
            this.line = line;
        }

        /** The log line that says so. */
        public String line() {
            return line;
        }
    }

    /** No answer within the deadline; the daemon may still be running. */
    public static final class TimedOut extends DaemonFailure {
        public TimedOut(String waitingFor, java.time.Duration after) {
            super("no " + waitingFor + " within " + after.toMillis() + " ms");
        }
    }

    /** A vhost-user reply that breaks the spec (wrong flags, wrong request echoed, wrong size). */
    public static final class Misbehaved extends DaemonFailure {
        public Misbehaved(String what) {
            super(what);
        }
    }
}
