package dev.vfc.ovmf;

import dev.vfc.ovmf.trace.Trace;
import dev.vfc.ovmf.trace.TraceRecording;
import dev.vfc.ovmf.trace.TraceReplayer;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Fixture;
import dev.vfc.scenario.GuestOutcome;
import dev.vfc.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The OVMF scenarios: replays of VirtioFsDxe's recorded traffic (no VM, any daemon, both image
 * sizes) and real boots of Debian's OVMF in QEMU to GRUB's prompt, in both boot modes. Their ids
 * join the conformance suite's in results files, reports and baselines.
 */
public final class OvmfFixtures {

    /** The image sizes replays run with: the bug report's grubx64.efi and Debian's. */
    public static final List<Long> IMAGE_SIZES = List.of(Images.BUG_REPORT_SIZE, Images.DEBIAN_GRUB_SIZE);
    /** How long a real boot may take to reach {@code grub>} (the limit; 4–6 s is usual under TCG). */
    public static final Duration BOOT_LIMIT = Duration.ofSeconds(60);

    private static final String REPLAY_RULE = "OVMF VirtioFsDxe (edk2-stable202211) as recorded from the real firmware:"
            + " Helpers.c VirtioFsSgListsSubmit/VirtioFsFuseCheckResponse (used.len = out.len, unique echoed, every"
            + " fixed reply buffer filled), FuseInit.c (7.31+, DO_READDIRPLUS, max_write >= 4096), SimpleFsRead.c"
            + " (one READ of the whole image into one descriptor); virtio 1.3 §5.11.6";
    private static final String BOOT_RULE = "Debian's OVMF 2022.11 in QEMU 7.2 (vhost-user-fs-pci) loads GRUB from the"
            + " share and GRUB prints its prompt on serial within 60 s; virtio 1.3 §5.11, vhost-user spec";

    private OvmfFixtures() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        for (BootMode mode : BootMode.values()) {
            for (long size : IMAGE_SIZES) {
                all.add(replay(mode, size));
            }
        }
        for (BootMode mode : BootMode.values()) {
            all.add(boot(mode));
        }
        return List.copyOf(all);
    }

    /** {@code ovmf/replay/MODE/SIZE}: the recorded trace of MODE against the daemon, with an image of SIZE bytes. */
    public static Scenario replay(BootMode mode, long size) {
        Trace trace = Trace.resource(TraceRecording.traceName(mode));
        return Scenario.builder("ovmf/replay/" + mode.id() + "/" + size)
                .title("Replay OVMF's " + trace.requests().size() + " requests of the " + mode.id()
                        + " boot, loading a " + size + "-byte " + mode.imagePath())
                .rule(REPLAY_RULE)
                .driver("ovmf")
                .fixture(shared -> install(trace, shared, size))
                .check(context -> {
                    String missing = Images.missing(size);
                    if (missing != null) {
                        return new Verdict.Skipped(missing);
                    }
                    return new TraceReplayer(trace, context.shared()).replay(context.fuse());
                });
    }

    private static void install(Trace trace, Path shared, long size) throws java.io.IOException {
        if (Images.missing(size) != null) {
            return;
        }
        Path image = shared.resolve(".image");
        Images.write(size, image);
        for (var entry : trace.share()) {
            entry.install(shared, image);
        }
        Files.delete(image);
    }

    /** {@code ovmf/boot/MODE}: the real firmware boots Debian's GRUB from the daemon's share. */
    public static Scenario boot(BootMode mode) {
        return Scenario.builder("ovmf/boot/" + mode.id())
                .title("Boot Debian's OVMF in QEMU (TCG) to GRUB's prompt, GRUB (4,182,016 bytes) loaded from the share"
                        + (mode == BootMode.SHELL ? " by the UEFI shell's startup.nsh" : " as removable media"))
                .rule(BOOT_RULE)
                .fixture(Fixture.EMPTY)
                .guest(context -> {
                    OvmfMachine machine = OvmfMachine.debian();
                    String missing = Images.missing(Images.DEBIAN_GRUB_SIZE);
                    if (machine.availability() instanceof dev.vfc.targets.Availability.Unavailable u) {
                        missing = u.reason();
                    }
                    if (missing != null) {
                        return GuestOutcome.skipped(missing);
                    }
                    mode.install(context.shared(), Grub.MONOLITHIC);
                    BootResult boot = new OvmfBoot(machine).boot(mode, context.target(), context.launch(), BOOT_LIMIT);
                    Verdict verdict = boot.reachedPrompt()
                            ? new Verdict.Pass("grub> after " + boot.elapsed().toMillis() + " ms")
                            : Verdict.fail("grub> on serial within " + BOOT_LIMIT.toSeconds() + " s", boot.why()
                                    + "; last serial line: " + (boot.serialTail().isEmpty() ? "(none)"
                                            : boot.serialTail().get(boot.serialTail().size() - 1)));
                    return new GuestOutcome(verdict, "serial console (last lines):\n" + String.join("\n", boot.serialTail()),
                            boot.daemonLogTail(), boot.daemonCommand());
                });
    }
}
