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
 * Puts one pinned Debian build of the Rust virtiofsd ({@link RustRelease}) into a cache directory
 * named after its Debian version, without touching the system: bookworm has no Rust virtiofsd and
 * the builds need glibc 2.39, so the daemon runs through trixie's own loader with trixie's libraries
 * (ld.so(8): the loader given as the command). The packages come from a private apt configuration
 * (its own sources list, lists and cache under the cache directory; the system's dpkg status is not
 * read or written). The daemon's package is pinned ({@code apt-get download virtiofsd=VERSION}),
 * and the unpacked binary must say it is the release's upstream version: another version is
 * another cache, another image and another target name. Its libraries are trixie's current ones
 * (older point releases leave the archive).
 */
public final class RustProvisioner {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);

    private final RustRelease release;
    private final Path cache;
    private final Consumer<String> progress;

    public RustProvisioner(RustRelease release, Path cache, Consumer<String> progress) {
        this.release = release;
        this.cache = cache;
        this.progress = progress;
    }

    /** {@code $VFC_CACHE}, or {@code ~/.cache/vfc}, plus {@code rust-virtiofsd-<Debian version>}. */
    public static Path defaultCache(RustRelease release) {
        String env = System.getenv("VFC_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "vfc");
        return base.resolve("rust-virtiofsd-" + release.debianVersion());
    }

    public RustRelease release() {
        return release;
    }

    /** In the default cache, with progress lines on stderr. */
    public static RustProvisioner standard(RustRelease release) {
        return new RustProvisioner(release, defaultCache(release), line -> System.err.println("[vfc] " + line));
    }

    /** The directory the packages are unpacked into. */
    public Path rootfs() {
        return cache.resolve("rootfs");
    }

    /** Where the unpacked daemon and its loader live, once provisioned. */
    public RustInstall install() {
        Path rootfs = rootfs();
        return new RustInstall(rootfs.resolve("usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
                rootfs.resolve("usr/lib/x86_64-linux-gnu"), rootfs.resolve("usr/libexec/virtiofsd"),
                cache.resolve("debs").resolve(release.debFileName()));
    }

    /**
     * Downloads and unpacks the packages unless a complete install is already there, and checks
     * that the binary is the pinned version.
     */
    public synchronized RustInstall provision() throws IOException {
        RustInstall install = install();
        if (!install.isComplete()) {
            download(install);
        }
        checkVersion(install);
        return install;
    }

    private void download(RustInstall install) throws IOException {
        Files.createDirectories(cache.resolve("lists/partial"));
        Files.createDirectories(cache.resolve("cache/archives/partial"));
        Path debs = Files.createDirectories(cache.resolve("debs"));
        Files.writeString(sourcesList(), String.join("\n", release.sources()) + "\n", StandardCharsets.US_ASCII);
        progress.accept("provisioning the Rust virtiofsd " + release.debianVersion() + " from " + release.origin()
                + " into " + cache + ": apt-get update");
        run(apt("update", "-q"), cache);
        progress.accept("provisioning the Rust virtiofsd: apt-get download " + String.join(" ", release.packages()));
        List<String> download = apt("download");
        download.addAll(release.packages());
        run(download, debs);
        Path rootfs = rootfs();
        DebianPackages.unpackAll(debs, rootfs, line -> progress.accept("provisioning the Rust virtiofsd: " + line),
                STEP_TIMEOUT);
        if (!install.isComplete()) {
            throw new IOException("unpacked " + debs + " but " + install.binary() + " or its loader is missing");
        }
        progress.accept("provisioned the Rust virtiofsd " + release.debianVersion() + " at " + install.binary());
    }

    /** The unpacked binary must print {@code virtiofsd} and the upstream version: the pin holds, not only the file name. */
    private void checkVersion(RustInstall install) throws IOException {
        List<String> argv = new ArrayList<>(install.launcher());
        argv.add("--version");
        String said = dev.vfc.host.Host.firstLineOf(argv, Duration.ofSeconds(10)).orElse("(nothing)");
        if (!said.strip().equals("virtiofsd " + release.upstreamVersion())) {
            throw new IOException(install.binary() + " --version says '" + said + "', not virtiofsd "
                    + release.upstreamVersion() + " (the pinned Debian " + release.debianVersion() + ")");
        }
    }

    private List<String> apt(String command, String... more) {
        List<String> argv = new ArrayList<>(List.of("apt-get",
                "-o", "Dir::Etc::SourceList=" + sourcesList(),
                "-o", "Dir::Etc::SourceParts=/dev/null",
                "-o", "Dir::State::Lists=" + cache.resolve("lists"),
                "-o", "Dir::Cache=" + cache.resolve("cache"),
                "-o", "Dir::State::status=/dev/null",
                "-o", "APT::Architectures=amd64",
                "-o", "APT::Sandbox::User=root",
                "-o", "Acquire::Languages=none",
                command));
        argv.addAll(List.of(more));
        return argv;
    }

    private Path sourcesList() {
        return cache.resolve("sources.list");
    }

    private static void run(List<String> argv, Path dir) throws IOException {
        HostCommand.run(argv, dir, STEP_TIMEOUT);
    }

    /** The unpacked daemon: run {@code loader --library-path libraries binary ...}. */
    public record RustInstall(Path loader, Path libraries, Path binary, Path deb) {

        /** Unpacked, and from the pinned package (its .deb is kept next to the rootfs). */
        public boolean isComplete() {
            return Files.isExecutable(loader) && Files.isRegularFile(binary) && Files.isDirectory(libraries)
                    && Files.isRegularFile(deb);
        }

        /** The argv prefix that runs the daemon through trixie's loader. */
        public List<String> launcher() {
            return List.of(loader.toString(), "--library-path", libraries.toString(), binary.toString());
        }
    }
}
