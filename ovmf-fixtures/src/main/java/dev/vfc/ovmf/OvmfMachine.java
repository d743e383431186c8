package dev.vfc.ovmf;

import dev.vfc.targets.Availability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real QEMU 7.2 q35 machine with Debian's OVMF and a vhost-user-fs-pci device on a daemon's
 * socket, under TCG (reference/real-peers.md). Guest RAM is a shared memfd, without which
 * vhost-user cannot work. The serial console is a unix socket (so a test can type into the
 * UEFI shell) that QEMU also logs to a file, where GRUB's prompt shows.
 */
public record OvmfMachine(Path qemu, Path code, Path varsTemplate, String memory) {

    public static final String TAG = "myfs";

    public static OvmfMachine debian() {
        return new OvmfMachine(Path.of("/usr/bin/qemu-system-x86_64"), Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"),
                Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"), "512M");
    }

    /** Whether QEMU and OVMF are installed; the reason names the Debian package when not. */
    public Availability availability() {
        if (!Files.isExecutable(qemu)) {
            return Availability.unavailable(qemu + " not found: install the Debian package qemu-system-x86");
        }
        if (!Files.isRegularFile(code) || !Files.isRegularFile(varsTemplate)) {
            return Availability.unavailable(code + " or " + varsTemplate + " not found: install the Debian package ovmf");
        }
        return Availability.available("QEMU at " + qemu + ", OVMF " + code);
    }

    /**
     * The command line for a boot with writable variables at {@code vars}, the serial console
     * served on the unix socket {@code serialSocket} (QEMU listens, never waits for a client) and
     * logged to {@code serialLog}.
     */
    public List<String> commandLine(Path socket, Path vars, Path serialSocket, Path serialLog) {
        List<String> argv = new ArrayList<>(List.of(qemu.toString(),
                "-nodefaults", "-machine", "q35,accel=tcg", "-m", memory, "-smp", "1",
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + code,
                "-drive", "if=pflash,format=raw,unit=1,file=" + vars,
                "-object", "memory-backend-memfd,id=mem,size=" + memory + ",share=on",
                "-numa", "node,memdev=mem",
                "-chardev", "socket,id=char0,path=" + socket,
                "-device", "vhost-user-fs-pci,chardev=char0,tag=" + TAG,
                "-chardev", "socket,id=serial0,path=" + serialSocket + ",server=on,wait=off,logfile=" + serialLog,
                "-serial", "chardev:serial0", "-display", "none", "-monitor", "none", "-net", "none"));
        return argv;
    }
}
