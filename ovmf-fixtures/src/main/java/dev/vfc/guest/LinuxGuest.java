package dev.vfc.guest;

import static org.awaitility.Awaitility.await;

import dev.vfc.qemu.Console;
import dev.vfc.qemu.QemuVm;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RunningDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Boots Debian's Linux kernel under QEMU 7.2 (TCG) against a daemon's socket and lets the
 * guest's {@code init.sh} mount the share with the kernel's own virtiofs driver and run a file
 * workload. The OVMF boots prove a daemon can serve firmware; this proves it can serve the
 * driver real guests use, with its 128 KiB READs, its WRITEs, FORGETs and multi-reply
 * READDIRs. The verdict of each step is what the guest printed, plus one check made on the
 * host: the file the guest wrote must have, on the host, the sha256 the guest computed.
 */
public final class LinuxGuest {

    /** The guest's steps in the order init.sh runs them. */
    public static final List<String> STEPS = List.of("mount", "create-write", "read-back", "mkdir", "rename",
            "symlink", "hard-link", "chmod", "truncate", "unlink", "rmdir", "readdir-1000");
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(90);
    /** The file create-write leaves in the share for the host-side check. */
    static final String BIG_FILE = "big.bin";
    /** The step whose verdict includes the host-side sha256 check: it is about the write reaching the host. */
    static final String HOST_CHECKED_STEP = "create-write";
    private static final Duration POWER_OFF_GRACE = Duration.ofSeconds(5);
    private static final int SERIAL_TAIL = 30;
    private static final int DAEMON_TAIL = 20;

    private final QemuVm vm;
    private final LinuxGuestImage image;

    public LinuxGuest(QemuVm vm, LinuxGuestImage image) {
        this.vm = vm;
        this.image = image;
    }

    /** Debian's QEMU and a guest made from Debian's kernel and busybox, in the default cache. */
    public static LinuxGuest debian() {
        return new LinuxGuest(QemuVm.debian(), LinuxGuestImage.debian());
    }

    public LinuxGuestImage image() {
        return image;
    }

    /** Whether QEMU is installed; the reason names the Debian package when not. The image has its own availability. */
    public Availability availability() {
        return vm.availability();
    }

    /**
     * The QEMU command line: q35 under TCG, RAM as a shared memfd (vhost-user needs the daemon
     * to map it), the kernel booted directly, and its console on the first serial port, to a file.
     * {@code -no-reboot} turns the guest's poweroff, or a panic ({@code panic=-1}), into QEMU's exit.
     */
    public List<String> commandLine(Path socket, LinuxGuestImage.Boot boot, Path serialLog) {
        return vm.commandLine(socket,
                List.of("-kernel", boot.kernel().toString(), "-initrd", boot.initramfs().toString(),
                        "-append", "console=ttyS0 quiet panic=-1", "-no-reboot"),
                List.of("-serial", "file:" + serialLog));
    }

    /**
     * Starts the daemon serving {@code shared}, boots the guest against it, waits up to
     * {@code limit} for {@code VFC-DONE} (or QEMU's or the daemon's end), and stops both.
     * {@code work} holds the socket, the daemon log, the serial log and QEMU's own output.
     *
     * @throws IOException if the guest cannot be provisioned or a process cannot be started
     */
    public LinuxGuestRun run(DaemonTarget target, Path work, Path shared, Duration limit) throws IOException {
        return run(target, DaemonLaunch.in(work, shared), limit);
    }

    /** As {@link #run(DaemonTarget, Path, Path, Duration)}, the daemon started with {@code launch}. */
    public LinuxGuestRun run(DaemonTarget target, DaemonLaunch launch, Duration limit) throws IOException {
        Path work = launch.socketPath().getParent();
        Path shared = launch.sharedDir();
        LinuxGuestImage.Boot boot = image.provision();
        Path serial = work.resolve("serial.log");
        Path qemuLog = work.resolve("qemu.log");
        Files.deleteIfExists(serial);
        try (RunningDaemon daemon = target.start(launch)) {
            long start = System.nanoTime();
            Process vm = QemuVm.start(commandLine(daemon.socketPath(), boot, serial), qemuLog);
            try {
                String why = awaitEnd(vm, daemon, serial, qemuLog, limit);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                boolean finished = why.isEmpty();
                if (finished) {
                    awaitPowerOff(vm);
                }
                SerialMarkers markers = SerialMarkers.parse(Console.read(serial));
                List<GuestStep> steps = withHostCheck(markers.steps(STEPS, why), markers, shared);
                return new LinuxGuestRun(steps, elapsed, finished, why, Console.tail(Console.read(serial), SERIAL_TAIL),
                        daemon.logTail(DAEMON_TAIL), daemon.command());
            } finally {
                QemuVm.stop(vm);
            }
        }
    }

    /** Empty once the guest printed VFC-DONE, else why the run ended without it. */
    private static String awaitEnd(Process vm, RunningDaemon daemon, Path serial, Path qemuLog, Duration limit) {
        try {
            await("VFC-DONE on the serial console").atMost(limit).pollInterval(Duration.ofMillis(100))
                    .until(() -> SerialMarkers.parse(Console.read(serial)).done() || !vm.isAlive() || !daemon.isAlive());
        } catch (ConditionTimeoutException e) {
            return "no " + SerialMarkers.DONE + " within " + limit.toSeconds() + " s";
        }
        if (SerialMarkers.parse(Console.read(serial)).done()) {
            return "";
        }
        if (!vm.isAlive()) {
            return "QEMU exited with status " + vm.exitValue() + " before " + SerialMarkers.DONE + ": "
                    + String.join(" | ", Console.tail(Console.read(qemuLog), 5));
        }
        return "the daemon exited before " + SerialMarkers.DONE
                + daemon.exit().map(x -> ": " + x.describe()).orElse("");
    }

    /** The guest powers itself off after VFC-DONE; give it a moment so the daemon sees a clean disconnect. */
    private static void awaitPowerOff(Process vm) {
        try {
            await("QEMU to exit after the guest's poweroff").atMost(POWER_OFF_GRACE)
                    .pollInterval(Duration.ofMillis(100)).until(() -> !vm.isAlive());
        } catch (ConditionTimeoutException e) {
            // killed below like any other run
        }
    }

    /**
     * {@value #HOST_CHECKED_STEP} stays OK only if the host's copy of {@value #BIG_FILE} has the
     * sha256 the guest printed: a daemon could acknowledge WRITEs it never stored, and the guest,
     * hashing through its own page cache, would not notice.
     */
    static List<GuestStep> withHostCheck(List<GuestStep> steps, SerialMarkers markers, Path shared) {
        List<GuestStep> out = new ArrayList<>();
        for (GuestStep step : steps) {
            out.add(step.name().equals(HOST_CHECKED_STEP) && step.ok() ? hostChecked(step, markers, shared) : step);
        }
        return out;
    }

    private static GuestStep hostChecked(GuestStep step, SerialMarkers markers, Path shared) {
        Optional<String> guest = markers.sha256Of(step.name());
        if (guest.isEmpty()) {
            return new GuestStep(step.name(), false, step.detail() + "; the guest printed no sha256=");
        }
        Path file = shared.resolve(BIG_FILE);
        if (!Files.isRegularFile(file)) {
            return new GuestStep(step.name(), false, step.detail() + "; the host has no " + file);
        }
        String host = sha256(file);
        if (!host.equals(guest.get())) {
            return new GuestStep(step.name(), false, step.detail() + "; but the host file has sha256=" + host);
        }
        return new GuestStep(step.name(), true, step.detail() + "; host file matches");
    }

    static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
