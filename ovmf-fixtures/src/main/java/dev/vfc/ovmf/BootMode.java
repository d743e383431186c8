package dev.vfc.ovmf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How the firmware comes to load GRUB from the share: the two ways the original bug shows.
 */
public enum BootMode {

    /**
     * GRUB at EFI/BOOT/BOOTX64.EFI: BDS boots the virtio-fs volume as removable media without
     * any boot entry (UEFI 2.x §3.5.1.1; edk2 BmBoot.c "Non-Block Boot Device"), 14 FUSE requests.
     */
    REMOVABLE_MEDIA("removable-media"),

    /**
     * The bug report's steps: the UEFI shell runs startup.nsh ({@code fs0:} then {@code grubx64.efi})
     * after its countdown; the shell reads the script one byte per READ, then LoadImage reads
     * grubx64.efi in one READ.
     */
    SHELL("shell");

    /** The script of the bug report, with the CRLF line ends the shell expects. */
    public static final String STARTUP_NSH = "fs0:\r\ngrubx64.efi\r\n";
    /** Where the shell's startup script and the bug report's image sit: the volume's root. */
    public static final String SHELL_IMAGE = "grubx64.efi";
    public static final String STARTUP_SCRIPT = "startup.nsh";
    /** The shell's countdown line; any key but ESC ends the wait (ShellPkg Shell.c). */
    public static final String COUNTDOWN = "any other key to continue";

    private final String id;

    BootMode(String id) {
        this.id = id;
    }

    /** The mode's name in scenario ids and trace names. */
    public String id() {
        return id;
    }

    /** The path, relative to the share, of the image the firmware loads in this mode. */
    public String imagePath() {
        return this == REMOVABLE_MEDIA ? Grub.REMOVABLE_MEDIA_PATH : SHELL_IMAGE;
    }

    /** Puts {@code efi} (and, in shell mode, startup.nsh) where this mode needs them. */
    public void install(Path shared, Path efi) throws IOException {
        Path image = shared.resolve(imagePath());
        Files.createDirectories(image.getParent());
        Files.copy(efi, image, StandardCopyOption.REPLACE_EXISTING);
        if (this == SHELL) {
            Files.writeString(shared.resolve(STARTUP_SCRIPT), STARTUP_NSH, StandardCharsets.US_ASCII);
        }
    }
}
