package dev.vfc.ovmf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The images the OVMF fixtures load. Debian's monolithic GRUB (4,182,016 bytes) is the real
 * thing, bootable; the bug report's grubx64.efi (2,525,712 bytes) is not packaged anywhere we
 * can reach, so its replays use a file of exactly its size with seeded pseudo-random bytes:
 * a replay never runs the image, it only checks every byte arrives.
 */
public final class Images {

    /** The size of the grubx64.efi in the original bug report (0x268A10). */
    public static final long BUG_REPORT_SIZE = 2_525_712;
    /** The size of Debian bookworm's monolithic grubx64.efi (grub-efi-amd64-bin). */
    public static final long DEBIAN_GRUB_SIZE = 4_182_016;

    private Images() {
    }

    /** Writes the image of {@code size} bytes to {@code file}: Debian's GRUB for its size, seeded bytes otherwise. */
    public static void write(long size, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (size == DEBIAN_GRUB_SIZE) {
            Files.copy(Grub.MONOLITHIC, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        SplittableRandom random = new SplittableRandom(size);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        block[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
    }

    /** Why an image of {@code size} cannot be made here, or null when it can. */
    public static String missing(long size) {
        return size == DEBIAN_GRUB_SIZE && !Files.isRegularFile(Grub.MONOLITHIC)
                ? Grub.MONOLITHIC + " not found: install the Debian package grub-efi-amd64-bin"
                : null;
    }
}
