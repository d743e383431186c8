package dev.vfc.targets;

import dev.vfc.host.DebianPackages;
import dev.vfc.host.HostCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts Debian trixie's Rust virtiofsd (1.13.2) into a cache directory without touching the
 * system: bookworm has no Rust virtiofsd and trixie's needs glibc 2.39, so the daemon runs
 * through trixie's own loader with trixie's libraries (reference/real-peers.md). The packages
 * come from a private apt configuration (its own sources list, lists and cache under the
 * cache directory; the system's dpkg status is not read or written).
 */
public final class RustProvisioner {

    static final List<String> PACKAGES = List.of("virtiofsd", "libc6", "libcap-ng0", "libseccomp2", "libgcc-s1");
    static final String SOURCE = "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
            + "http://deb.debian.org/debian trixie main";
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private final Path cache;
    private final Consumer<String> progress;

    public RustProvisioner(Path cache, Consumer<String> progress) {
        this.cache = cache;
        this.progress = progress;
    }

    /** {@code $VFC_CACHE}, or {@code ~/.cache/vfc}, plus {@code rust-virtiofsd-trixie}. */
    public static Path defaultCache() {
        String env = System.getenv("VFC_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "vfc");
        return base.resolve("rust-virtiofsd-trixie");
    }

    /** In the default cache, with progress lines on stderr. */
    public static RustProvisioner standard() {
        return new RustProvisioner(defaultCache(), line -> System.err.println("[vfc] " + line));
    }

    /** The directory the packages are unpacked into. */
    public Path rootfs() {
        return cache.resolve("rootfs");
    }

    /** Where the unpacked daemon and its loader live, once provisioned. */
    public RustInstall install() {
        Path rootfs = rootfs();
        return new RustInstall(rootfs.resolve("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
                rootfs.resolve("usr/lib/x86_64-linux-gnu"), rootfs.resolve("usr/libexec/virtiofsd"));
    }

    /** Downloads and unpacks the packages unless a complete install is already there. */
    public synchronized RustInstall provision() throws IOException {
        RustInstall install = install();
        if (install.isComplete()) {
            return install;
        }
        Files.createDirectories(cache.resolve("lists/partial"));
        Files.createDirectories(cache.resolve("cache/archives/partial"));
        Path debs = Files.createDirectories(cache.resolve("debs"));
        Files.writeString(cache.resolve("trixie.list"), SOURCE + "\n", StandardCharsets.US_ASCII);
        progress.accept("provisioning the Rust virtiofsd from Debian trixie into " + cache + ": apt-get update");
        run(apt("update", "-q"), cache);
        progress.accept("provisioning the Rust virtiofsd: apt-get download " + String.join(" ", PACKAGES));
        List<String> download = apt("download");
        download.addAll(PACKAGES);
        run(download, debs);
        Path rootfs = rootfs();
        DebianPackages.unpackAll(debs, rootfs, line -> progress.accept("provisioning the Rust virtiofsd: " + line),
                STEP_TIMEOUT);
        if (!install.isComplete()) {
            throw new IOException("unpacked " + debs + " but " + install.binary() + " or its loader is missing");
        }
        progress.accept("provisioned the Rust virtiofsd at " + install.binary());
        return install;
    }

    private List<String> apt(String command, String... more) {
        List<String> argv = new ArrayList<>(List.of("apt-get",
                "-o", "Dir::Etc::SourceList=" + cache.resolve("trixie.list"),
                "-o", "Dir::Etc::SourceParts=/dev/null",
                "-o", "Dir::State::Lists=" + cache.resolve("lists"),
                "-o", "Dir::Cache=" + cache.resolve("cache"),
                "-o", "Dir::State::status=/dev/null",
                "-o", "APT::Architectures=amd64",
                "-o", "APT::Sandbox::User=root",
                command));
        argv.addAll(List.of(more));
        return argv;
    }

    private static void run(List<String> argv, Path dir) throws IOException {
        HostCommand.run(argv, dir, STEP_TIMEOUT);
    }

    /** The unpacked daemon: run {@code loader --library-path libraries binary ...}. */
    public record RustInstall(Path loader, Path libraries, Path binary) {

        public boolean isComplete() {
            return Files.isExecutable(loader) && Files.isRegularFile(binary) && Files.isDirectory(libraries);
        }

        /** The argv prefix that runs the daemon through trixie's loader. */
        public List<String> launcher() {
            return List.of(loader.toString(), "--library-path", libraries.toString(), binary.toString());
        }
    }
}
