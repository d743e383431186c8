package dev.vfc.cli;

import dev.vfc.guest.LinuxGuestImage;
import dev.vfc.host.Host;
import dev.vfc.ovmf.OvmfMachine;
import dev.vfc.qemu.QemuVm;
import dev.vfc.scenario.TargetSelection;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonTarget;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vfc doctor}: one screen of what can run on this machine, each line the availability
 * check the harness itself makes before it runs a target or boots a guest (so the doctor and a
 * run can never disagree), and for what cannot, the reason that check gives.
 */
final class DoctorCommand {

    static final String USAGE = """
            usage: vfc doctor

            Says which targets (the default ones: java, c, rust, rust-sandbox-none, the Rust
            container image), frontends (QEMU) and guests (OVMF, the Linux guest kernel) can run
            here, and for each that cannot, why. Checking the Rust daemon may provision it (see
            README, Targets). exit status: 0 all can run, 1 something cannot
            """;

    private final PrintStream out;

    DoctorCommand(PrintStream out) {
        this.out = out;
    }

    /** One thing the suite needs, and whether it has it here. */
    record Check(String group, String name, Availability availability) {
    }

    int run(List<String> args) throws UsageError {
        Optional<Options> parsed = Options.parseOrHelp("doctor", args, USAGE, out, Set.of(), Set.of());
        if (parsed.isEmpty()) {
            return 0;
        }
        List<Check> checks = checks();
        String group = "";
        for (Check c : checks) {
            if (!c.group().equals(group)) {
                group = c.group();
                out.println(group + ":");
            }
            out.printf("  %-4s %-42s %s%n", c.availability().isAvailable() ? "ok" : "NO", c.name(),
                    c.availability() instanceof Availability.Available a ? a.version() : c.availability().unavailableReason().orElse(""));
        }
        long missing = checks.stream().filter(c -> !c.availability().isAvailable()).count();
        out.println(missing == 0 ? "vfc doctor: everything can run here"
                : "vfc doctor: " + missing + " of " + checks.size() + " cannot run here; their verdicts would be SKIPPED");
        return missing == 0 ? 0 : 1;
    }

    static List<Check> checks() {
        List<Check> checks = new java.util.ArrayList<>();
        for (DaemonTarget t : TargetSelection.parse(TargetSelection.DEFAULT)) {
            checks.add(new Check("targets", t.name(), t.availability()));
        }
        checks.add(new Check("frontends", "QEMU (the OVMF and Linux guests' VM)", qemu()));
        checks.add(new Check("guests", "OVMF (boots and replays)", OvmfMachine.debian().availability()));
        checks.add(new Check("guests", "Linux guest " + LinuxGuestImage.KERNEL_PACKAGE, LinuxGuestImage.debian().availability()));
        return checks;
    }

    /** QEMU's availability, with the version it reports (the suite's guests were checked with 7.2). */
    private static Availability qemu() {
        QemuVm vm = QemuVm.debian();
        Availability a = vm.availability();
        if (a instanceof Availability.Available ok) {
            String version = Host.firstLineOf(List.of(vm.qemu().toString(), "--version"), Duration.ofSeconds(10)).orElse("version unknown");
            return new Availability.Available(version + " (" + ok.version() + ")");
        }
        return a;
    }
}
