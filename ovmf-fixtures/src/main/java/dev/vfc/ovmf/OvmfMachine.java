package dev.vfc.ovmf;

import dev.vfc.qemu.QemuVm;
import dev.vfc.targets.Availability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The QEMU machine booting Debian's OVMF (code read-only, a writable copy of the variables per
 * boot). The serial console is a unix socket (so a test can type into the UEFI shell) that QEMU
 * also logs to a file, where GRUB's prompt shows.
 */
public record OvmfMachine(QemuVm vm, Path code, Path varsTemplate) {

    public static OvmfMachine debian() {
        return new OvmfMachine(QemuVm.debian(), Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"),
                Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"));
    }

    /** Whether QEMU and OVMF are installed; the reason names the Debian package when not. */
    public Availability availability() {
        if (vm.availability() instanceof Availability.Unavailable u) {
            return u;
        }
        if (!Files.isRegularFile(code) || !Files.isRegularFile(varsTemplate)) {
            return Availability.unavailable(code + " or " + varsTemplate + " not found: install the Debian package ovmf");
        }
        return Availability.available("QEMU at " + vm.qemu() + ", OVMF " + code);
    }

    /**
     * The command line for a boot with writable variables at {@code vars}, the serial console
     * served on the unix socket {@code serialSocket} (QEMU listens, never waits for a client) and
     * logged to {@code serialLog}.
     */
    public List<String> commandLine(Path socket, Path vars, Path serialSocket, Path serialLog) {
        return vm.commandLine(socket,
                List.of("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + code,
                        "-drive", "if=pflash,format=raw,unit=1,file=" + vars),
                List.of("-chardev", "socket,id=serial0,path=" + serialSocket + ",server=on,wait=off,logfile=" + serialLog,
                        "-serial", "chardev:serial0"));
    }
}
