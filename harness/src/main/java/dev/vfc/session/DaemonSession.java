package dev.vfc.session;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.DaemonWatch;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.frontend.Notification;
import dev.vfc.frontend.NotificationLog;
import dev.vfc.frontend.VirtQueue;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.syscall.SyscallException;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RunningDaemon;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A daemon started by a target, a frontend connected to it as a given guest driver, and a
 * FUSE session over that: everything one scenario run needs, closed together.
 */
public final class DaemonSession implements AutoCloseable {

    private static final int LOG_LINES_ON_DEATH = 20;

    private final RunningDaemon daemon;
    private final Frontend frontend;
    private final FuseSession fuse;

    private DaemonSession(RunningDaemon daemon, Frontend frontend) {
        this.daemon = daemon;
        this.frontend = frontend;
        this.fuse = new FuseSession(frontend);
    }

    /**
     * Starts {@code target} on {@code sharedDir} (socket and log in {@code workDir}) and connects
     * to it as {@code driver} would through QEMU 7.2.
     */
    public static DaemonSession start(DaemonTarget target, Path workDir, Path sharedDir, DriverProfile driver,
            FrontendOptions options) throws IOException {
        return start(target, DaemonLaunch.in(workDir, sharedDir), driver, options);
    }

    /** As above, with a launch of the caller's making (extra daemon arguments, another socket path). */
    public static DaemonSession start(DaemonTarget target, DaemonLaunch launch, DriverProfile driver,
            FrontendOptions options) throws IOException {
        return attach(target.start(launch), driver, options);
    }

    /**
     * Connects to a daemon already listening, as {@code driver} would through QEMU 7.2; the
     * daemon is stopped if that fails. For callers that time the start and the connection apart.
     */
    public static DaemonSession attach(RunningDaemon daemon, DriverProfile driver, FrontendOptions options)
            throws IOException {
        try {
            Frontend frontend = Frontend.connect(daemon.socketPath(), driver, options, watch(daemon));
            return new DaemonSession(daemon, frontend);
        } catch (SyscallException | RuntimeException e) {
            daemon.stop();
            throw e;
        }
    }

    /** A watch that reports the daemon's exit together with its last log lines, and its log's first fault line. */
    public static DaemonWatch watch(RunningDaemon daemon) {
        return new DaemonWatch() {
            @Override
            public Optional<String> death() {
                return daemon.exit().map(exit -> describeDeath(exit.describe(), daemon.logTail(LOG_LINES_ON_DEATH)));
            }

            @Override
            public Optional<String> faultLine() {
                return daemon.faultLine();
            }
        };
    }

    /**
     * How a daemon died, its last log line first: a daemon that exits on a bad request says why
     * in its last line (1.14.0's "Failed to create a queue reader: ..." before its exit(1)), and a
     * shortened detail (a baseline's reason) would otherwise show only the start-up lines the
     * tail begins with.
     */
    static String describeDeath(String exit, List<String> tail) {
        if (tail.isEmpty()) {
            return exit + "; no log lines";
        }
        return exit + " after \"" + tail.get(tail.size() - 1).strip() + "\"; last log lines:\n    "
                + String.join("\n    ", tail);
    }

    public FuseSession fuse() {
        return fuse;
    }

    public Frontend frontend() {
        return frontend;
    }

    public RunningDaemon daemon() {
        return daemon;
    }

    public Optional<String> death() {
        return watch(daemon).death();
    }

    /**
     * Why this session's replies broke the used buffer notification rule ({@link Notification#RULE}),
     * naming the first request that went without the notification its ring required; empty
     * when every required notification came.
     */
    public Optional<String> missedNotification() {
        NotificationLog log = frontend.notifications();
        List<NotificationLog.Missed> missed = log.missed();
        if (missed.isEmpty()) {
            return Optional.empty();
        }
        NotificationLog.Missed first = missed.get(0);
        List<Exchange> exchanges = fuse.transcript().exchanges();
        String request = exchanges.stream().filter(e -> e.completion() == first.completion()).findFirst()
                .map(e -> "#" + e.sequence() + " " + FuseOpcode.describe(e.request().opcode()) + " (unique "
                        + e.request().unique() + ")")
                .orElse("the chain with head " + first.completion().head());
        long total = log.count();
        Notification n = first.completion().notification();
        return Optional.of("expected a used buffer notification for " + request + " on queue " + first.queue() + " ("
                + n.clause() + "; a vhost-user back-end signals the eventfd of the latest VHOST_USER_SET_VRING_CALL), "
                + "got none within " + VirtQueue.NOTIFICATION_GRACE.toMillis() + " ms of the used element: "
                + n.explain() + (total > 1 ? "; " + total + " used elements in this session went without theirs" : ""));
    }

    /** Disconnects (the daemons exit on their own when their frontend goes), then stops the daemon. */
    @Override
    public void close() {
        try {
            frontend.close();
        } finally {
            daemon.stop();
        }
    }
}
