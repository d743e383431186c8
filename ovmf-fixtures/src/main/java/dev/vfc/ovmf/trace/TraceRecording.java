package dev.vfc.ovmf.trace;

import dev.vfc.ovmf.BootMode;
import dev.vfc.ovmf.BootResult;
import dev.vfc.ovmf.OvmfBoot;
import dev.vfc.ovmf.OvmfMachine;
import dev.vfc.targets.CVirtiofsdTarget;
import dev.vfc.targets.DaemonLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a trace from the real firmware: boots Debian's OVMF in QEMU against the C virtiofsd
 * (which the C target always runs with {@code -d}) until GRUB's prompt, and turns the daemon's
 * log into the trace with {@link CDaemonLogRecorder}. This is how the shipped traces were made,
 * and {@code TraceRecordingIT} re-records them on every build to prove they still match.
 */
public final class TraceRecording {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private TraceRecording() {
    }

    /** The trace's name for a mode: {@code ovmf-removable-media}, {@code ovmf-shell}. */
    public static String traceName(BootMode mode) {
        return "ovmf-" + mode.id();
    }

    /**
     * Boots {@code mode} with {@code image} as GRUB and returns the firmware's traffic.
     *
     * @throws IOException when the boot does not reach GRUB's prompt (with the boot's account)
     */
    public static Trace record(BootMode mode, Path image, Path work) throws IOException {
        Path shared = Files.createDirectories(work.resolve("shared"));
        Path run = Files.createDirectories(work.resolve("run"));
        mode.install(shared, image);
        BootResult boot = new OvmfBoot(OvmfMachine.debian()).boot(mode, new CVirtiofsdTarget(),
                DaemonLaunch.in(run, shared), LIMIT);
        if (!boot.reachedPrompt()) {
            throw new IOException("the recording boot failed: " + boot.describe());
        }
        String log = Files.readString(boot.daemonLog(), StandardCharsets.ISO_8859_1);
        long size = Files.size(image);
        List<TraceRequest> requests = new CDaemonLogRecorder(mode.imagePath(), size).record(log);
        List<ShareEntry> share = new ArrayList<>();
        share.add(new ShareEntry(mode.imagePath(), null));
        if (mode == BootMode.SHELL) {
            share.add(new ShareEntry(BootMode.STARTUP_SCRIPT, BootMode.STARTUP_NSH));
        }
        return new Trace(traceName(mode), title(mode),
                "recorded by TraceRecording from Debian's OVMF 2022.11 (edk2-stable202211) in QEMU 7.2 against the C"
                        + " virtiofsd's -d log, with a " + size + "-byte image; layouts written from edk2's"
                        + " OvmfPkg/VirtioFsDxe and checked against the descriptor counts and lengths the daemon logged",
                share, requests);
    }

    private static String title(BootMode mode) {
        return mode == BootMode.SHELL
                ? "OVMF VirtioFsDxe, UEFI shell: the startup.nsh probes, fs0:, then grubx64.efi (the original bug report's run)"
                : "OVMF VirtioFsDxe, removable-media boot of EFI/BOOT/BOOTX64.EFI (BDS, no boot entry)";
    }

    /**
     * {@code TraceRecording MODE IMAGE OUT}: records {@code MODE} (removable-media or shell)
     * with {@code IMAGE} and writes the trace to {@code OUT}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TraceRecording removable-media|shell IMAGE OUT");
            System.exit(2);
        }
        BootMode mode = BootMode.valueOf(args[0].toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        Path work = Files.createTempDirectory("vfc-record");
        Trace trace = record(mode, Path.of(args[1]), work);
        Files.writeString(Path.of(args[2]), header() + trace.render());
        System.out.println(trace.requests().size() + " requests written to " + args[2]);
    }

    /** The comment every shipped trace starts with. */
    public static String header() {
        return "# A guest driver's FUSE traffic; format: README.md in this directory. Re-record with TraceRecording.\n";
    }
}
