package dev.vfc.targets;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A daemon did not come up: it exited, or its socket did not appear in time. The message
 * carries the command line and the tail of the daemon's log, so a failing test shows why.
 */
public class DaemonStartException extends IOException {

    private final String targetName;
    private final String command;
    private final List<String> logTail;
    private final transient Optional<DaemonExit> exit;

    public DaemonStartException(String targetName, String problem, String command, List<String> logTail,
                                Optional<DaemonExit> exit, Throwable cause) {
        super(message(targetName, problem, command, logTail), cause);
        this.targetName = Objects.requireNonNull(targetName);
        this.command = Objects.requireNonNull(command);
        this.logTail = List.copyOf(logTail);
        this.exit = Objects.requireNonNull(exit);
    }

    private static String message(String targetName, String problem, String command, List<String> logTail) {
        StringBuilder sb = new StringBuilder();
        sb.append("daemon '").append(targetName).append("' did not start: ").append(problem);
        sb.append("\n  command: ").append(command);
        if (logTail.isEmpty()) {
            sb.append("\n  log: (empty)");
        } else {
            sb.append("\n  log tail:");
            for (String line : logTail) {
                sb.append("\n    ").append(line);
            }
        }
        return sb.toString();
    }

    public String targetName() {
        return targetName;
    }

    public String command() {
        return command;
    }

    public List<String> logTail() {
        return logTail;
    }

    /** How the daemon ended, if it exited (empty when it was still running at the deadline). */
    public Optional<DaemonExit> exit() {
        return exit;
    }
}
