package dev.vfc.targets;

import dev.vfc.host.Host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Rust virtiofsd: a given binary; or, for {@code rust}, an installed
 * {@code /usr/libexec/virtiofsd}, or else Debian trixie's 1.13.2 ({@link RustRelease#V1_13});
 * or, for {@code rust-1.14}, always forky's 1.14.0 ({@link RustRelease#V1_14}), whatever
 * the system has: a pinned release is provisioned into a cache directory by {@link RustProvisioner}
 * and run through trixie's loader.
 *
 * <p>Command line: {@code virtiofsd --socket-path=S --shared-dir=DIR --log-level=debug}, so it
 * runs as its users run it by default: its own default sandbox ({@code --sandbox=namespace}:
 * it forks, and the child serves from inside new mount, pid and network namespaces with the
 * share as its root; the parent waits for it and exits when it does) and its default
 * {@code --seccomp=kill}. {@code --sandbox=none}, the configuration Kata Containers shipped
 * (GHSA-2gv2-cffp-j227), is a target of its own: {@code rust-sandbox-none@rust+--sandbox=none}.
 * {@code --tag} is never passed: its help says QEMU 7.1–8.0 crash on it.
 */
public final class RustVirtiofsdTarget implements DaemonTarget {

    public static final String NAME = RustRelease.V1_13.target();
    public static final Path SYSTEM_BINARY = Path.of("/usr/libexec/virtiofsd");
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Optional<Path> binary;
    private final boolean systemFirst;
    private final RustProvisioner provisioner;
    private volatile List<String> launcher;
    private volatile Availability availability;

    /** The system's daemon if installed, else trixie's, provisioned with progress on stderr. */
    public RustVirtiofsdTarget() {
        this(NAME, Optional.empty(), true, RustProvisioner.standard(RustRelease.V1_13));
    }

    /** A given virtiofsd binary, run directly. */
    public RustVirtiofsdTarget(Path binary) {
        this(NAME, Optional.of(binary.toAbsolutePath().normalize()), false, null);
    }

    private RustVirtiofsdTarget(String name, Optional<Path> binary, boolean systemFirst, RustProvisioner provisioner) {
        this.name = name;
        this.binary = binary;
        this.systemFirst = systemFirst;
        this.provisioner = provisioner;
    }

    /**
     * Exactly {@code release}, provisioned with progress on stderr: the target named after it
     * ({@code rust-1.14}) never runs the system's binary, which may be any version.
     */
    public static RustVirtiofsdTarget pinned(RustRelease release) {
        return new RustVirtiofsdTarget(release.target(), Optional.empty(), false, RustProvisioner.standard(release));
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code rust} for every release: the name says which. */
    @Override
    public String kind() {
        return NAME;
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            availability = probe();
        }
        return availability;
    }

    private Availability probe() {
        try {
            List<String> argv = resolveLauncher();
            launcher = argv;
            List<String> version = new ArrayList<>(argv);
            version.add("--version");
            String said = Host.firstLineOf(version, PROBE_TIMEOUT).orElse("unknown");
            String debian = binary.isEmpty() && !usesSystemBinary()
                    ? "Debian " + provisioner.release().debianVersion() + ", " : "";
            return Availability.available(said + " (" + debian + argv.get(argv.size() - 1) + ")");
        } catch (IOException e) {
            return Availability.unavailable("no Rust virtiofsd: " + e.getMessage());
        }
    }

    private List<String> resolveLauncher() throws IOException {
        if (binary.isPresent()) {
            if (!Files.isExecutable(binary.get())) {
                throw new IOException(binary.get() + " is not an executable file");
            }
            return List.of(binary.get().toString());
        }
        if (usesSystemBinary()) {
            return List.of(SYSTEM_BINARY.toString());
        }
        return provisioner.provision().launcher();
    }

    private boolean usesSystemBinary() {
        return systemFirst && Files.isExecutable(SYSTEM_BINARY);
    }

    public List<String> commandLine(DaemonLaunch launch) {
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(List.of("--socket-path=" + launch.socketPath(), "--shared-dir=" + launch.sharedDir()));
        if (launch.suiteSettings()) {
            argv.add("--log-level=debug");
        }
        argv.addAll(launch.extraArgs());
        return argv;
    }

    @Override
    public RunningDaemon start(DaemonLaunch launch) throws IOException {
        if (availability() instanceof Availability.Unavailable u) {
            throw new IOException("target '" + name + "' is unavailable: " + u.reason());
        }
        return ProcessDaemon.launcher(name, commandLine(launch)).start(launch);
    }

    @Override
    public String toString() {
        return name;
    }
}
