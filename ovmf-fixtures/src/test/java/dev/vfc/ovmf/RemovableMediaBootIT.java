package dev.vfc.ovmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vfc.targets.Availability;
import dev.vfc.targets.CVirtiofsdTarget;
import dev.vfc.targets.ContainerTarget;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.JavaDaemonTarget;
import dev.vfc.targets.RustVirtiofsdTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real QEMU 7.2 + Debian's OVMF boot GRUB from each daemon's share in removable-media mode.
 * VirtioFsDxe loads the 4,182,016-byte BOOTX64.EFI with one FUSE_READ of the whole file
 * (OvmfPkg/VirtioFsDxe/SimpleFsRead.c), so this is the original bug's request, end to end.
 */
class RemovableMediaBootIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path work;
    @TempDir
    Path shared;

    static Stream<DaemonTarget> targets() {
        return Stream.of(new JavaDaemonTarget(), new CVirtiofsdTarget(), new RustVirtiofsdTarget(),
                new ContainerTarget("vfc/rust-virtiofsd:1.13.2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void ovmfBootsGrubFromTheShareToItsPrompt(DaemonTarget target) throws Exception {
        require(target.availability(), "target " + target.name());
        OvmfMachine machine = OvmfMachine.debian();
        require(machine.availability(), "QEMU + OVMF");
        assumeThat(Files.isRegularFile(Grub.MONOLITHIC))
                .as("%s not found: install the Debian package grub-efi-amd64-bin", Grub.MONOLITHIC).isTrue();
        OvmfBoot.installRemovableMedia(shared, Grub.MONOLITHIC);

        BootResult result = new OvmfBoot(machine).boot(target, work, shared, LIMIT);

        System.out.println("[" + target.name() + "] " + result.describe());
        assertThat(result.reachedPrompt()).as(result.describe()).isTrue();
    }

    private static void require(Availability a, String what) {
        assumeThat(a).as("%s: %s", what, a).isInstanceOf(Availability.Available.class);
    }
}
