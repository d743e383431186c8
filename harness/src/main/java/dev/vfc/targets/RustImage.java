package dev.vfc.targets;

import dev.vfc.host.Trees;
import dev.vfc.host.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The local container image of the Rust virtiofsd: the very rootfs {@link RustProvisioner}
 * unpacks for the {@code rust} target, plus the merged-/usr links (so
 * /lib64/ld-linux-x86-64.so.2 resolves) and the mount points a container needs, imported with
 * {@code docker import}: no registry is reachable, so nothing is pulled. {@link ContainerTarget}
 * builds it the first time it is asked for it and finds it missing.
 */
public final class RustImage {

    /** The release inside: the {@code rust} target's. */
    public static final RustRelease RELEASE = RustRelease.V1_13;
    /** The image's name: the Rust daemon's upstream version as its tag. */
    public static final String NAME = "vfc/rust-virtiofsd:" + RELEASE.upstreamVersion();
    /** The label that names the Debian package version inside; an image without it (or with another) is rebuilt. */
    public static final String DEBIAN_VERSION_LABEL = "dev.vfc.debian-version";
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private RustImage() {
    }

    /** Provisions the daemon if needed and imports it as {@code tag}. */
    static void build(String tag, RustProvisioner provisioner, Consumer<String> progress) throws IOException {
        provisioner.provision();
        Path rootfs = provisioner.rootfs();
        Path work = Files.createTempDirectory("vfc-rust-image");
        try {
            Path extra = Files.createDirectories(work.resolve("extra"));
            List<String> links = List.of("bin", "sbin", "lib", "lib64");
            List<String> mountPoints = List.of("tmp", "run", "share", "proc", "sys", "dev");
            for (String dir : links) {
                Files.createSymbolicLink(extra.resolve(dir), Path.of("usr", dir));
            }
            for (String dir : mountPoints) {
                Files.createDirectories(extra.resolve(dir));
            }
            Path tar = work.resolve("rootfs.tar");
            progress.accept("building the image " + tag + " from " + rootfs + " (docker import)");
            List<String> argv = new java.util.ArrayList<>(List.of("tar", "-cf", tar.toString(), "-C", rootfs.toString(),
                    ".", "-C", extra.toString()));
            argv.addAll(links);
            argv.addAll(mountPoints);
            HostCommand.run(argv, work, STEP_TIMEOUT);
            HostCommand.run(List.of("docker", "import", "--change", "ENTRYPOINT [\"/usr/libexec/virtiofsd\"]",
                    "--change", "LABEL " + DEBIAN_VERSION_LABEL + "=" + provisioner.release().debianVersion(),
                    tar.toString(), tag), work, STEP_TIMEOUT);
        } finally {
            Trees.delete(work);
        }
    }
}
