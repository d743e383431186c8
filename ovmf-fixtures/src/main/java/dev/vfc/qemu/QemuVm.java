package dev.vfc.qemu;

import dev.vfc.targets.Availability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real QEMU 7.2 q35 machine under TCG with one vhost-user-fs-pci device on a daemon's socket
 * (QEMU 7.2 docs/system/devices/vhost-user.rst). Guest RAM is a shared memfd, without which
 * vhost-user cannot work. What boots (firmware or a kernel) and where the serial console goes are
 * the caller's.
 */
public record QemuVm(Path qemu, String memory) {

    /** The device's tag: what OVMF shows as a volume and Linux mounts ({@code mount -t virtiofs myfs}). */
    public static final String TAG = "myfs";

    public static QemuVm debian() {
        return new QemuVm(Path.of("/usr/bin/qemu-system-x86_64"), "512M");
    }

    /** Whether QEMU is installed; the reason names the Debian package when not. */
    public Availability availability() {
        if (!Files.isExecutable(qemu)) {
            return Availability.unavailable(qemu + " not found: install the Debian package qemu-system-x86");
        }
        return Availability.available("QEMU at " + qemu);
    }

    /**
     * The command line: the machine, then {@code boot} (firmware drives, or a kernel and its
     * initrd), the shared memory and the vhost-user-fs device on {@code socket}, then
     * {@code serial}; no display, monitor or network.
     */
    public List<String> commandLine(Path socket, List<String> boot, List<String> serial) {
        List<String> argv = new ArrayList<>(List.of(qemu.toString(),
                "-nodefaults", "-machine", "q35,accel=tcg", "-m", memory, "-smp", "1"));
        argv.addAll(boot);
        argv.addAll(List.of("-object", "memory-backend-memfd,id=mem,size=" + memory + ",share=on",
                "-numa", "node,memdev=mem",
                "-chardev", "socket,id=char0,path=" + socket,
                "-device", "vhost-user-fs-pci,chardev=char0,tag=" + TAG));
        argv.addAll(serial);
        argv.addAll(List.of("-display", "none", "-monitor", "none", "-net", "none"));
        return argv;
    }

    /** Starts QEMU with {@code argv}, its own output into {@code log}, no input. */
    public static Process start(List<String> argv, Path log) throws java.io.IOException {
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /** Kills a QEMU process and waits for it, so its sockets and files are released. */
    public static void stop(Process qemu) {
        qemu.destroyForcibly();
        try {
            qemu.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
