package dev.vfc.ovmf;

import java.nio.file.Path;

/** Debian's monolithic GRUB EFI image (grub-efi-amd64-bin), 4,182,016 bytes: more than 1 MiB, like the bug report's. */
public final class Grub {

    public static final Path MONOLITHIC = Path.of("/usr/lib/grub/x86_64-efi/monolithic/grubx64.efi");
    /** The removable-media path the firmware boots without any boot entry (UEFI 2.x §3.5.1.1). */
    public static final String REMOVABLE_MEDIA_PATH = "EFI/BOOT/BOOTX64.EFI";
    /** What GRUB prints when it has no config to run; it has no virtio-fs driver, so it stops there. */
    public static final String PROMPT = "grub>";

    private Grub() {
    }
}
