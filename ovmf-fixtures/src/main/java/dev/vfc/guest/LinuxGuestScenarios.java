package dev.vfc.guest;

import dev.vfc.results.Verdict;
import dev.vfc.scenario.GuestContext;
import dev.vfc.scenario.GuestOutcome;
import dev.vfc.scenario.Scenario;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The Linux guest's steps as scenarios, {@code linux/guest/<step>}. One guest boot serves all
 * steps of a target — a guest works through its steps in one session, the way a user's VM
 * does — so the first step's scenario boots it and the others read its account. The boots are
 * remembered per target object, so a new run (new target objects) boots again.
 */
public final class LinuxGuestScenarios {

    private static final String RULE = "Debian bookworm's Linux 6.1 virtiofs driver (fs/fuse/virtio_fs.c) mounts the share"
            + " and runs the step with busybox; the step's result must be what POSIX says for a local file system"
            + " (virtio 1.3 §5.11; FUSE as Linux implements it)";
    private static final Map<DaemonTarget, LinuxGuestRun> RUNS = new WeakHashMap<>();

    private LinuxGuestScenarios() {
    }

    public static List<Scenario> all() {
        return LinuxGuest.STEPS.stream().map(LinuxGuestScenarios::step).toList();
    }

    private static Scenario step(String name) {
        return Scenario.builder("linux/guest/" + name)
                .title("A real Linux guest (Debian's kernel, busybox) on the share: step '" + name + "' of its workload")
                .rule(RULE)
                .guest(context -> outcome(name, context));
    }

    private static GuestOutcome outcome(String name, GuestContext context) throws IOException {
        LinuxGuest guest = LinuxGuest.debian();
        String missing = missing(guest);
        if (missing != null) {
            return GuestOutcome.skipped(missing);
        }
        LinuxGuestRun run = runFor(guest, context);
        GuestStep step = run.steps().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElse(GuestStep.notReached(name, "the guest did not report it"));
        Verdict verdict = step.ok()
                ? new Verdict.Pass(step.detail().isEmpty() ? "the guest reported OK" : step.detail())
                : Verdict.fail("the guest to report " + name + " OK", step.detail());
        return new GuestOutcome(verdict, run.describe(), run.daemonLogTail(), run.daemonCommand());
    }

    private static synchronized LinuxGuestRun runFor(LinuxGuest guest, GuestContext context) throws IOException {
        LinuxGuestRun run = RUNS.get(context.target());
        if (run == null) {
            run = guest.run(context.target(), context.launch(), LinuxGuest.DEFAULT_LIMIT);
            RUNS.put(context.target(), run);
        }
        return run;
    }

    private static String missing(LinuxGuest guest) {
        if (guest.availability() instanceof Availability.Unavailable u) {
            return u.reason();
        }
        if (guest.image().availability() instanceof Availability.Unavailable u) {
            return u.reason();
        }
        try {
            guest.image().provision();
            return null;
        } catch (IOException e) {
            return "the Linux guest could not be provisioned: " + e.getMessage();
        }
    }
}
