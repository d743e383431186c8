package dev.vfc.ovmf;

import static org.awaitility.Awaitility.await;

import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RunningDaemon;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Boots OVMF from a daemon's share in removable-media mode: GRUB at EFI/BOOT/BOOTX64.EFI is
 * loaded by VirtioFsDxe with one READ of the whole file, which is exactly the request the Rust
 * virtiofsd 1.0–1.6.0 refused. Reaching {@code grub>} means the daemon served the firmware.
 */
public final class OvmfBoot {

    private static final int TAIL = 20;

    private final OvmfMachine machine;

    public OvmfBoot(OvmfMachine machine) {
        this.machine = machine;
    }

    /** Puts {@code efi} where the firmware looks for removable media. */
    public static void installRemovableMedia(Path shared, Path efi) throws IOException {
        Path target = shared.resolve(Grub.REMOVABLE_MEDIA_PATH);
        Files.createDirectories(target.getParent());
        Files.copy(efi, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts the daemon, boots QEMU against it, waits up to {@code limit} for GRUB's prompt, and stops both. */
    public BootResult boot(DaemonTarget target, Path work, Path shared, Duration limit) throws IOException {
        Path vars = work.resolve("vars.fd");
        Path serial = work.resolve("serial.log");
        Path qemuLog = work.resolve("qemu.log");
        Files.copy(machine.varsTemplate(), vars, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(serial);
        try (RunningDaemon daemon = target.start(DaemonLaunch.in(work, shared))) {
            Process qemu = new ProcessBuilder(machine.commandLine(daemon.socketPath(), vars, serial))
                    .redirectErrorStream(true).redirectOutput(qemuLog.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            long start = System.nanoTime();
            try {
                await("'" + Grub.PROMPT + "' on the serial console").atMost(limit)
                        .pollInterval(Duration.ofMillis(100))
                        .failFast("QEMU exited", () -> !qemu.isAlive())
                        .failFast("the daemon exited", () -> !daemon.isAlive())
                        .until(() -> read(serial).contains(Grub.PROMPT));
                return new BootResult(true, Duration.ofNanos(System.nanoTime() - start), "", tail(serial),
                        daemon.logTail(TAIL));
            } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
                String why = e.getMessage() + (qemu.isAlive() ? "" : "; QEMU: " + String.join(" | ", tail(qemuLog)))
                        + daemon.exit().map(x -> "; daemon " + x.describe()).orElse("");
                return new BootResult(false, Duration.ofNanos(System.nanoTime() - start), why, tail(serial),
                        daemon.logTail(TAIL));
            } finally {
                qemu.destroyForcibly();
                try {
                    qemu.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> tail(Path file) {
        List<String> lines = read(file).lines().map(l -> l.replaceAll("\\p{Cntrl}\\[[0-9;]*[A-Za-z]", "").strip())
                .filter(l -> !l.isEmpty()).toList();
        return lines.subList(Math.max(0, lines.size() - TAIL), lines.size());
    }
}
