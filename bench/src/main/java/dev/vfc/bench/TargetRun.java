package dev.vfc.bench;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.DaemonFailure;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.session.DaemonSession;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RunningDaemon;
import dev.vfc.targets.Targets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every workload against one target. A daemon serves one frontend connection and exits when
 * it goes, so each driver profile gets its own daemon and session, and all of that profile's
 * workloads run in it, in table order. Sessions are closed in {@code finally} (try with
 * resources), so no daemon outlives the run whatever a workload does.
 */
final class TargetRun {

    /** Lines of a failure message that go into the table's notes; daemon log tails can be long. */
    private static final int REASON_LINES = 8;

    private final String spec;
    private final DaemonTarget target;
    /** This column's own directory: daemon sockets and logs go in {@code workRoot/PROFILE}. */
    private final Path workRoot;
    private final BenchFile file;
    private final Measurer measurer;
    private final Consumer<String> progress;
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> commands = new LinkedHashMap<>();
    private Optional<StartUp> startUp = Optional.empty();

    TargetRun(String spec, Path workRoot, BenchFile file, Measurer measurer, Consumer<String> progress) {
        this.spec = spec;
        this.target = Targets.byName(spec);
        this.workRoot = workRoot;
        this.file = file;
        this.measurer = measurer;
        this.progress = progress;
    }

    /**
     * One column of the table: the target, whether it ran here, its cells, what it is worth
     * knowing, and the command line each driver profile's daemon ran with.
     */
    record Column(String spec, Availability availability, Map<Workload, Outcome> cells, List<String> notes,
            Map<String, String> commands, Optional<StartUp> startUp) {

        Column {
            cells = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cells));
            notes = List.copyOf(notes);
            commands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(commands));
        }
    }

    Column run(List<Workload> workloads) {
        Availability availability = target.availability();
        Map<Workload, Outcome> cells = new LinkedHashMap<>();
        if (availability instanceof Availability.Unavailable u) {
            workloads.forEach(w -> cells.put(w, new Outcome.Unavailable(u.reason())));
        } else {
            byProfile(workloads).forEach((profile, group) -> cells.putAll(runProfile(profile, group)));
        }
        return new Column(spec, availability, cells, notes, commands, startUp);
    }

    /** {@code workloads} grouped by driver profile, in table order: one daemon session serves each group. */
    static Map<String, List<Workload>> byProfile(List<Workload> workloads) {
        Map<String, List<Workload>> groups = new LinkedHashMap<>();
        workloads.forEach(w -> groups.computeIfAbsent(w.profile(), p -> new ArrayList<>()).add(w));
        return groups;
    }

    /** One daemon, one session as {@code profile}, all of {@code group} in it. */
    private Map<Workload, Outcome> runProfile(String profile, List<Workload> group) {
        Map<Workload, Outcome> cells = new LinkedHashMap<>();
        progress.accept(spec + " " + profile + ": starting the daemon");
        // The daemon as its users run it: its own log level, cache and sandbox defaults.
        DaemonLaunch launch = DaemonLaunch.in(workRoot.resolve(profile), file.dir())
                .withSettings(DaemonLaunch.Settings.DAEMON_DEFAULTS);
        long exec = System.nanoTime();
        RunningDaemon daemon;
        try {
            daemon = target.start(launch);
        } catch (IOException | RuntimeException e) {
            String reason = "the " + profile + " daemon did not start: " + firstLines(String.valueOf(e.getMessage()));
            group.forEach(w -> cells.put(w, new Outcome.Failed(reason)));
            return cells;
        }
        long listening = System.nanoTime() - exec;
        try (DaemonSession session = DaemonSession.attach(daemon, DriverProfile.byName(profile),
                FrontendOptions.defaults())) {
            commands.put(profile, session.daemon().command());
            OpenFile open = OpenFile.open(session.fuse(), file);
            if (startUp.isEmpty()) {
                open.read(0, StartUp.FIRST_READ, true);
                startUp = Optional.of(new StartUp(listening, System.nanoTime() - exec));
            }
            if (runAll(group, open, cells)) {
                open.release();
            }
        } catch (IOException | RuntimeException e) {
            String reason = "the " + profile + " session failed: " + firstLines(String.valueOf(e.getMessage()));
            group.forEach(w -> cells.putIfAbsent(w, new Outcome.Failed(reason)));
        }
        return cells;
    }

    /**
     * Measures {@code group} in order into {@code cells}. A bad reply fails its own cell only;
     * a dead or hung daemon fails the rest of the group unrun, since every further request
     * would wait out the deadline too.
     *
     * @return whether the daemon is still a working peer
     */
    private boolean runAll(List<Workload> group, OpenFile open, Map<Workload, Outcome> cells) {
        Workload lost = null;
        for (Workload w : group) {
            if (lost != null) {
                cells.put(w, new Outcome.Failed("not run: the daemon stopped serving during " + lost.label()));
                continue;
            }
            try {
                cells.put(w, measure(w, open, cells.isEmpty()));
            } catch (BenchmarkFailure e) {
                cells.put(w, new Outcome.Failed(e.getMessage()));
            } catch (DaemonFailure e) {
                lost = w;
                cells.put(w, new Outcome.Failed(firstLines(e.getMessage())));
            }
        }
        return lost == null;
    }

    /**
     * One workload's cell. A fresh daemon ({@code firstInSession}) first gets
     * {@link Measurer#SESSION_WARMUP} of it unmeasured.
     */
    private Outcome measure(Workload w, OpenFile open, boolean firstInSession) {
        if (w.op() == Workload.Op.READ && w.profile().startsWith("linux") && w.size() > open.driverMaxRead()) {
            notes.add(w.label() + ": the daemon granted at most " + open.driverMaxRead()
                    + "-byte READs, so a real Linux guest would split these; sent whole anyway");
        }
        double scale = w.op() == Workload.Op.READ ? 1e6 : 1;
        RequestStream stream = RequestStream.of(w, open);
        if (firstInSession) {
            measurer.warmUp(stream, Measurer.SESSION_WARMUP);
        }
        return measurer.measure(stream, open::inFlightNanos, scale, w.unit(), spec + " " + w.label());
    }

    private static String firstLines(String message) {
        String[] lines = message.split("\\R");
        if (lines.length <= REASON_LINES) {
            return message;
        }
        return String.join("\n", Arrays.copyOf(lines, REASON_LINES)) + "\n...";
    }
}
