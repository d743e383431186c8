package dev.vfc.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxGuestImageTest {

    @TempDir
    Path dir;

    @Test
    void theKernelVersionComesFromTheMetaPackagesDependency() {
        String output = "linux-image-amd64\n  Depends: linux-image-6.1.0-56-amd64\n";

        assertThat(LinuxGuestImage.kernelVersionFromDepends(output)).contains("6.1.0-56-amd64");
    }

    @Test
    void noKernelVersionWithoutSuchADependency() {
        assertThat(LinuxGuestImage.kernelVersionFromDepends("linux-image-amd64\n  Depends: <virtual>\n")).isEmpty();
        assertThat(LinuxGuestImage.kernelVersionFromDepends("")).isEmpty();
    }

    @Test
    void kernelVersionsCompareByTheirNumbers() {
        assertThat(LinuxGuestImage.versionKey("6.1.0-56-amd64")).isGreaterThan(LinuxGuestImage.versionKey("6.1.0-9-amd64"));
    }

    @Test
    void builtInModulesAreNamedWithoutPathOrSuffix() throws Exception {
        Path builtin = Files.writeString(dir.resolve("modules.builtin"),
                "kernel/drivers/virtio/virtio.ko\nkernel/fs/fuse/fuse.ko\n");

        assertThat(LinuxGuestImage.builtInModules(builtin)).containsExactlyInAnyOrder("virtio", "fuse");
        assertThat(LinuxGuestImage.builtInModules(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void theCacheIsUnderAHome() {
        assertThat(LinuxGuestImage.defaultCache().toString()).endsWith("linux-guest");
        assertThat(LinuxGuestImage.home()).isAbsolute();
    }
}
