package dev.vfc.ovmf;

import static org.awaitility.Awaitility.await;

import dev.vfc.qemu.Console;
import dev.vfc.qemu.QemuVm;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RunningDaemon;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Boots OVMF from a daemon's share until GRUB's prompt: in removable-media mode VirtioFsDxe
 * loads EFI/BOOT/BOOTX64.EFI, in shell mode the UEFI shell runs startup.nsh and loads
 * grubx64.efi; either way the image comes in one READ of the whole file, which is exactly the
 * request the Rust virtiofsd 1.0–1.6.0 refused. Reaching {@code grub>} means the daemon served
 * the firmware.
 */
public final class OvmfBoot {

    private static final int TAIL = 20;

    private final OvmfMachine machine;

    public OvmfBoot(OvmfMachine machine) {
        this.machine = machine;
    }

    /**
     * Starts the daemon, boots QEMU against it, waits up to {@code limit} for GRUB's prompt
     * (typing Enter at the shell's countdown in shell mode), and stops both. The share must
     * already hold what {@code mode} needs ({@link BootMode#install}).
     */
    public BootResult boot(BootMode mode, DaemonTarget target, DaemonLaunch launch, Duration limit)
            throws IOException {
        Path work = launch.socketPath().getParent();
        Path vars = work.resolve("vars.fd");
        Path serial = work.resolve("serial.log");
        Path serialSocket = work.resolve("serial.sock");
        Path qemuLog = work.resolve("qemu.log");
        Files.copy(machine.varsTemplate(), vars, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(serial);
        try (RunningDaemon daemon = target.start(launch)) {
            Process qemu = QemuVm.start(machine.commandLine(daemon.socketPath(), vars, serialSocket, serial), qemuLog);
            long start = System.nanoTime();
            Keyboard keyboard = new Keyboard(serialSocket);
            try {
                await("'" + Grub.PROMPT + "' on the serial console").atMost(limit)
                        .pollInterval(Duration.ofMillis(100))
                        .failFast("QEMU exited", () -> !qemu.isAlive())
                        .failFast("the daemon exited", () -> !daemon.isAlive())
                        .until(() -> {
                            String console = Console.read(serial);
                            if (mode == BootMode.SHELL && console.contains(BootMode.COUNTDOWN)) {
                                keyboard.pressEnterOnce();
                            }
                            return console.contains(Grub.PROMPT);
                        });
                return new BootResult(true, Duration.ofNanos(System.nanoTime() - start), "", tail(serial),
                        daemon.logTail(TAIL), daemon.command(), daemon.logFile());
            } catch (ConditionTimeoutException | TerminalFailureException e) {
                String why = e.getMessage() + (qemu.isAlive() ? "" : "; QEMU: " + String.join(" | ", tail(qemuLog)))
                        + daemon.exit().map(x -> "; daemon " + x.describe()).orElse("");
                return new BootResult(false, Duration.ofNanos(System.nanoTime() - start), why, tail(serial),
                        daemon.logTail(TAIL), daemon.command(), daemon.logFile());
            } finally {
                QemuVm.stop(qemu);
            }
        }
    }

    /**
     * The guest's serial keyboard: a client of QEMU's serial socket. Only the shell's countdown
     * is ever answered, once, with Enter (any key but ESC skips the 5 s wait). It hangs up right
     * after: a connected client that never reads stalls the console once GRUB redraws the
     * screen (seen here: output stopped mid-escape-sequence), while without a client QEMU
     * keeps writing the log file.
     */
    private static final class Keyboard {
        private final Path socket;
        private boolean pressed;

        Keyboard(Path socket) {
            this.socket = socket;
        }

        void pressEnterOnce() throws IOException {
            if (pressed) {
                return;
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap("\r".getBytes(StandardCharsets.US_ASCII)));
            }
            pressed = true;
        }

    }

    private static List<String> tail(Path file) {
        return Console.tail(Console.read(file), TAIL);
    }
}
