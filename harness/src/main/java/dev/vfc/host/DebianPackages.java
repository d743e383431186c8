package dev.vfc.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Debian packages used without installing them: {@code apt-get download}ed .debs unpacked with
 * {@code dpkg-deb -x} into a directory of the project's choosing (the Rust virtiofsd's rootfs,
 * the Linux guest's kernel and busybox), so the machine's own package state never changes.
 */
public final class DebianPackages {

    private DebianPackages() {
    }

    /** Unpacks every {@code *.deb} in {@code debs} into {@code root}, saying which through {@code progress}. */
    public static void unpackAll(Path debs, Path root, Consumer<String> progress, Duration limit) throws IOException {
        Files.createDirectories(root);
        try (DirectoryStream<Path> packages = Files.newDirectoryStream(debs, "*.deb")) {
            for (Path deb : packages) {
                progress.accept("unpacking " + deb.getFileName());
                HostCommand.run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), debs, limit);
            }
        }
    }
}
