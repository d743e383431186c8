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
    void theKernelIsOnePinnedPackageAtOneVersionAndTheCacheKeyNamesBoth() {
        assertThat(LinuxGuestImage.KERNEL_PACKAGE).isEqualTo("linux-image-" + LinuxGuestImage.KERNEL_RELEASE);
        assertThat(LinuxGuestImage.KERNEL_PACKAGE_VERSION).matches("6\\.1\\.\\d+-\\d+");
        assertThat(LinuxGuestImage.cacheKey()).contains(LinuxGuestImage.KERNEL_RELEASE)
                .contains(LinuxGuestImage.KERNEL_PACKAGE_VERSION);
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
