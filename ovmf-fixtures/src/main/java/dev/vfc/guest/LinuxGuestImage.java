package dev.vfc.guest;

import dev.vfc.host.Trees;
import dev.vfc.host.DebianPackages;
import dev.vfc.host.Host;
import dev.vfc.host.HostCommand;
import dev.vfc.qemu.QemuVm;
import dev.vfc.targets.Availability;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Debian bookworm's own kernel and busybox as a bootable Linux guest: a kernel image and an
 * initramfs holding busybox, the virtio-fs modules and {@code init.sh}. Nothing of it is
 * committed; it is made at test time from Debian's packages, so the guest is a kernel Debian
 * users run. The kernel is pinned ({@link #KERNEL_PACKAGE} at exactly {@link #KERNEL_PACKAGE_VERSION},
 * bookworm 12.15's kernel), so a run's Linux verdicts do not change when Debian ships the next
 * kernel: another kernel is another pin. It is cached under
 * {@code ~/.cache/vfc/linux-guest/<kernel release>_<package version>/} (or {@code $VFC_CACHE/linux-guest}).
 *
 * <p>Every cached piece is built in a temporary directory next to its final place and renamed
 * into it, so an interrupted provisioning leaves only a partial directory that the next run
 * ignores and redoes. The initramfs's name carries a hash of the init script, so editing the
 * script rebuilds it without downloading again.
 */
public final class LinuxGuestImage {

    /** The virtio-fs stack in load order: there is no modules.dep in the initramfs. */
    public static final List<String> MODULES = List.of("virtio_ring", "virtio", "virtio_pci_modern_dev",
            "virtio_pci_legacy_dev", "virtio_pci", "fuse", "virtiofs");
    /** The guest kernel's release, its {@code uname -r}. */
    public static final String KERNEL_RELEASE = "6.1.0-50-amd64";
    /** The package that ships it, and its exact Debian version (bookworm 12.15's main archive). */
    public static final String KERNEL_PACKAGE = "linux-image-" + KERNEL_RELEASE;
    public static final String KERNEL_PACKAGE_VERSION = "6.1.176-1";
    static final String BUSYBOX_PACKAGE = "busybox-static";
    static final String INIT_RESOURCE = "init.sh";
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(5);
    /** Longer than any provisioning takes (a few steps of at most {@link #STEP_TIMEOUT} each). */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);
    /** Tools provisioning runs, each with the Debian package that has it. */
    private static final List<List<String>> TOOLS = List.of(List.of("apt-get", "apt"), List.of("apt-cache", "apt"),
            List.of("dpkg-deb", "dpkg"), List.of("cpio", "cpio"));

    private final Path cacheRoot;
    private final Consumer<String> progress;
    private Boot provisioned;

    public LinuxGuestImage(Path cacheRoot, Consumer<String> progress) {
        this.cacheRoot = cacheRoot;
        this.progress = progress;
    }

    /** The default cache, with progress lines on standard output (first provisioning takes a while). */
    public static LinuxGuestImage debian() {
        return new LinuxGuestImage(defaultCache(), line -> System.out.println("[linux-guest] " + line));
    }

    /** {@code $VFC_CACHE/linux-guest}, or {@code ~/.cache/vfc/linux-guest} with $HOME, user.home or /root as home. */
    public static Path defaultCache() {
        String cache = System.getenv("VFC_CACHE");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache, "linux-guest");
        }
        return home().resolve(".cache/vfc/linux-guest");
    }

    static Path home() {
        for (String candidate : new String[] {System.getenv("HOME"), System.getProperty("user.home")}) {
            if (candidate != null && !candidate.isBlank() && !candidate.equals("?")) {
                return Path.of(candidate);
            }
        }
        return Path.of("/root");
    }

    /** The kernel, the initramfs, and the kernel release they belong to (its {@code uname -r}). */
    public record Boot(String kernelVersion, Path kernel, Path initramfs) {
    }

    /**
     * Whether a guest can be provisioned: a complete cached one, or apt-get, apt-cache,
     * dpkg-deb and cpio to make one. The reason names the Debian package to install.
     */
    public Availability availability() {
        for (List<String> tool : TOOLS) {
            if (onPath(tool.get(0)).isEmpty() && !isComplete(cacheRoot.resolve(cacheKey()).resolve("files"))) {
                return Availability.unavailable(tool.get(0) + " not found: install the Debian package " + tool.get(1));
            }
        }
        return Availability.available("Debian " + KERNEL_PACKAGE + "=" + KERNEL_PACKAGE_VERSION + " + " + BUSYBOX_PACKAGE
                + " cached in " + cacheRoot);
    }

    /** The cache directory's name: the kernel release and its package's version, so another pin is another directory. */
    static String cacheKey() {
        return KERNEL_RELEASE + "_" + KERNEL_PACKAGE_VERSION;
    }

    /** The guest for the pinned kernel, downloading and building what the cache lacks. */
    public synchronized Boot provision() throws IOException {
        if (provisioned != null && Files.isRegularFile(provisioned.initramfs())) {
            return provisioned;
        }
        String kernelVersion = KERNEL_RELEASE;
        Path dir = Files.createDirectories(cacheRoot.resolve(cacheKey()));
        removeAbandoned(dir);
        Path files = dir.resolve("files");
        if (!isComplete(files)) {
            fetch(kernelVersion, files);
        }
        String init = initScript();
        Path initramfs = dir.resolve("initramfs-" + sha256(init.getBytes(StandardCharsets.UTF_8)).substring(0, 12)
                + ".cpio.gz");
        if (!Files.isRegularFile(initramfs)) {
            buildInitramfs(files, init, initramfs);
        }
        provisioned = new Boot(kernelVersion, files.resolve("vmlinuz"), initramfs);
        return provisioned;
    }

    /** The init script with the share's tag filled in. */
    static String initScript() {
        try (InputStream in = LinuxGuestImage.class.getResourceAsStream(INIT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + INIT_RESOURCE + " missing next to " + LinuxGuestImage.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@TAG@", QemuVm.TAG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isComplete(Path files) {
        return Files.isRegularFile(files.resolve("vmlinuz")) && Files.isRegularFile(files.resolve("busybox"))
                && Files.isDirectory(files.resolve("modules"));
    }

    private void fetch(String kernelVersion, Path files) throws IOException {
        Path partial = Files.createTempDirectory(files.getParent(), "files.partial-");
        try {
            Path debs = Files.createDirectories(partial.resolve("debs"));
            String kernelPackage = KERNEL_PACKAGE + "=" + KERNEL_PACKAGE_VERSION;
            progress.accept("downloading " + kernelPackage + " and " + BUSYBOX_PACKAGE + " (about 70 MB) with apt-get");
            List<String> download = new ArrayList<>(List.of("apt-get"));
            if (Host.isRoot()) {
                // As root apt hands the download to the _apt user, who cannot write to a private directory.
                download.addAll(List.of("-o", "APT::Sandbox::User=root"));
            }
            download.addAll(List.of("download", kernelPackage, BUSYBOX_PACKAGE));
            run(download, debs);
            Path kernelDeb = debs.resolve(KERNEL_PACKAGE + "_" + KERNEL_PACKAGE_VERSION + "_amd64.deb");
            if (!Files.isRegularFile(kernelDeb)) {
                throw new IOException("apt-get download " + kernelPackage + " left no " + kernelDeb.getFileName());
            }
            Path root = partial.resolve("root");
            DebianPackages.unpackAll(debs, root, progress, STEP_TIMEOUT);
            Path out = Files.createDirectories(partial.resolve("out"));
            Files.copy(existing(root, "boot/vmlinuz-" + kernelVersion), out.resolve("vmlinuz"));
            Files.copy(existing(root, "bin/busybox"), out.resolve("busybox"));
            Files.setPosixFilePermissions(out.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
            copyModules(modulesDir(root, kernelVersion), out, Files.createDirectories(out.resolve("modules")));
            publish(out, files);
            progress.accept("cached kernel " + kernelVersion + " and busybox in " + files);
        } finally {
            Trees.delete(partial);
        }
    }

    /**
     * Deletes partial directories that an interrupted run left behind (an unpacked kernel
     * package is about 400 MB). Only old ones: a young one may be another build's, at work now.
     */
    private void removeAbandoned(Path dir) throws IOException {
        Instant cutoff = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, "*.partial-*")) {
            for (Path partial : partials) {
                if (Files.getLastModifiedTime(partial).toInstant().isBefore(cutoff)) {
                    progress.accept("removing " + partial + ", left by an interrupted provisioning");
                    Trees.delete(partial);
                }
            }
        }
    }

    private static Path modulesDir(Path root, String kernelVersion) throws IOException {
        for (String base : List.of("lib/modules/", "usr/lib/modules/")) {
            Path dir = root.resolve(base + kernelVersion);
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        throw new IOException("no lib/modules/" + kernelVersion + " in the kernel package");
    }

    /**
     * Copies each of {@link #MODULES} as a plain {@code .ko}, decompressing {@code .ko.xz} with the
     * downloaded busybox (so the host needs no xz). A module the kernel has built in is skipped.
     */
    private void copyModules(Path modulesDir, Path out, Path target) throws IOException {
        Set<String> builtIn = builtInModules(modulesDir.resolve("modules.builtin"));
        for (String module : MODULES) {
            Optional<Path> found = findModule(modulesDir.resolve("kernel"), module);
            if (found.isEmpty()) {
                if (!builtIn.contains(module)) {
                    throw new IOException("module " + module + " is neither in " + modulesDir + " nor built in");
                }
                progress.accept("module " + module + " is built into the kernel");
                continue;
            }
            Path ko = target.resolve(module + ".ko");
            if (found.get().toString().endsWith(".ko.xz")) {
                runTo(List.of(out.resolve("busybox").toString(), "xz", "-dc", found.get().toString()), ko);
            } else {
                Files.copy(found.get(), ko);
            }
        }
    }

    /** Module names (file names without .ko) listed in modules.builtin; empty if there is none. */
    static Set<String> builtInModules(Path modulesBuiltin) throws IOException {
        if (!Files.isRegularFile(modulesBuiltin)) {
            return Set.of();
        }
        try (Stream<String> lines = Files.lines(modulesBuiltin)) {
            return lines.map(l -> l.substring(l.lastIndexOf('/') + 1).replaceFirst("\\.ko$", ""))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static Optional<Path> findModule(Path kernelDir, String module) throws IOException {
        try (Stream<Path> all = Files.walk(kernelDir)) {
            return all.filter(p -> {
                String name = p.getFileName().toString();
                return name.equals(module + ".ko") || name.equals(module + ".ko.xz");
            }).findFirst();
        }
    }

    /**
     * The newc cpio archive, gzipped: busybox with a link per applet, the modules, and
     * {@code /init}. Owners are root's. The kernel's built-in initramfs provides /dev/console.
     */
    private void buildInitramfs(Path files, String init, Path initramfs) throws IOException {
        progress.accept("building " + initramfs.getFileName() + " (busybox, " + MODULES.size() + " modules, init.sh)");
        Path partial = Files.createTempDirectory(initramfs.getParent(), "initramfs.partial-");
        try {
            Path root = Files.createDirectories(partial.resolve("root"));
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.copy(files.resolve("busybox"), bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            for (String applet : output(List.of(files.resolve("busybox").toString(), "--list")).split("\n")) {
                if (!applet.isBlank() && !applet.strip().equals("busybox")) {
                    Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
                }
            }
            Path modules = Files.createDirectories(root.resolve("lib/modules"));
            try (DirectoryStream<Path> kos = Files.newDirectoryStream(files.resolve("modules"), "*.ko")) {
                for (Path ko : kos) {
                    Files.copy(ko, modules.resolve(ko.getFileName()));
                }
            }
            Path initFile = Files.writeString(root.resolve("init"), init, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(initFile, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path cpio = archive(root, partial);
            Path gz = partial.resolve("initramfs.cpio.gz");
            try (InputStream in = Files.newInputStream(cpio);
                    OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                in.transferTo(out);
            }
            publish(gz, initramfs);
        } finally {
            Trees.delete(partial);
        }
    }

    /** {@code cpio -o -H newc} over every path under {@code root}, parents before children. */
    private static Path archive(Path root, Path partial) throws IOException {
        List<String> names;
        try (Stream<Path> all = Files.walk(root)) {
            names = all.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
        }
        Path list = Files.write(partial.resolve("list"), names, StandardCharsets.UTF_8);
        Path cpio = partial.resolve("initramfs.cpio");
        HostCommand.filter(List.of("cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0"), root, list, cpio, STEP_TIMEOUT);
        return cpio;
    }

    /** Renames a finished {@code built} to {@code target} in one step; if another run got there first, keeps theirs. */
    private static void publish(Path built, Path target) throws IOException {
        try {
            Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // a concurrent provisioning finished the same thing first
        } catch (IOException e) {
            if (!Files.exists(target)) {
                throw e;
            }
        }
    }

    private static Path existing(Path root, String relative) throws IOException {
        Path p = root.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IOException("the downloaded packages have no " + relative);
        }
        return p;
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                .findFirst();
    }

    private static void run(List<String> argv, Path dir) throws IOException {
        HostCommand.run(argv, dir, STEP_TIMEOUT);
    }

    private static String output(List<String> argv) throws IOException {
        return HostCommand.output(argv, STEP_TIMEOUT);
    }

    private static void runTo(List<String> argv, Path stdout) throws IOException {
        HostCommand.runTo(argv, stdout, STEP_TIMEOUT);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
