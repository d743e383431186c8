package dev.vfc.targets;

import java.util.OptionalInt;

/**
 * How a daemon ended.
 *
 * @param status the exit value as Java reports it: the exit code, or 128+N when the process
 *     was killed by signal N
 * @param signal the signal that killed it, if it was killed by one
 */
public record DaemonExit(int status, OptionalInt signal) {

    /** Linux signal names, indexed by number (x86_64 numbering). */
    private static final String[] SIGNAL_NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    };

    /** Highest real-time signal on Linux; exit values above 128+64 are ordinary exit codes. */
    private static final int MAX_SIGNAL = 64;

    public static final int SIGABRT = 6;
    public static final int SIGKILL = 9;
    public static final int SIGSEGV = 11;
    public static final int SIGTERM = 15;

    public DaemonExit {
        if (signal == null) {
            signal = OptionalInt.empty();
        }
    }

    /**
     * Interprets {@link Process#exitValue()}: on Linux the JDK reports a death by signal N as
     * 128+N. A process that itself calls {@code exit(129..192)} looks the same; daemons don't.
     */
    public static DaemonExit fromExitValue(int exitValue) {
        if (exitValue > 128 && exitValue <= 128 + MAX_SIGNAL) {
            return new DaemonExit(exitValue, OptionalInt.of(exitValue - 128));
        }
        return new DaemonExit(exitValue, OptionalInt.empty());
    }

    public static DaemonExit exited(int code) {
        return new DaemonExit(code, OptionalInt.empty());
    }

    public static DaemonExit killedBy(int signal) {
        return new DaemonExit(128 + signal, OptionalInt.of(signal));
    }

    public boolean isSignal() {
        return signal.isPresent();
    }

    /** Exited on its own with status 0. */
    public boolean isSuccess() {
        return signal.isEmpty() && status == 0;
    }

    /** "exit 1", or "killed by SIGABRT (6)", or "killed by signal 40". */
    public String describe() {
        if (signal.isEmpty()) {
            return "exit " + status;
        }
        int n = signal.getAsInt();
        String name = signalName(n);
        return name == null ? "killed by signal " + n : "killed by " + name + " (" + n + ")";
    }

    /** "SIGKILL" for 9, or null if the number has no classic name. */
    static String signalName(int n) {
        return n > 0 && n < SIGNAL_NAMES.length ? SIGNAL_NAMES[n] : null;
    }

    @Override
    public String toString() {
        return describe();
    }
}
