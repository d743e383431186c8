package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.ProcessDaemon;
import dev.vfc.targets.RunningDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --sandbox=namespace} for a daemon that is not root, as the Rust virtiofsd runs
 * unprivileged: the launcher adds a user namespace in which the daemon's uid is 0, and the
 * daemon serves from the share as its root. Run as nobody (65534) through setpriv(1).
 */
class UnprivilegedSandboxIT {

    private static final int NOBODY = 65534;
    private Path base;

    @BeforeEach
    void directoriesNobodyCanUse() throws IOException {
        ServingALargeFileIT.requireAvailable(new JavaDaemonTarget());
        base = Files.createTempDirectory("vfc-unprivileged");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeThem() throws IOException {
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void nobodyServesFromTheShareAsRootInAUserNamespaceOfItsOwn() throws Exception {
        Path work = Files.createDirectory(base.resolve("work"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path shared = Files.createDirectory(base.resolve("share"));
        Files.writeString(shared.resolve("f"), "served by nobody\n");
        ownedByNobody(shared);
        ownedByNobody(shared.resolve("f"));
        DaemonLaunch launch = DaemonLaunch.in(work, shared);

        try (RunningDaemon daemon = ProcessDaemon.launcher("java-unprivileged", asNobody(launch)).start(launch);
                Frontend frontend = Frontend.connect(daemon.socketPath(), DriverProfile.byName("linux"),
                        FrontendOptions.defaults(), DaemonSession.watch(daemon))) {
            FuseSession fuse = new FuseSession(frontend);
            fuse.init().value();
            long node = fuse.lookup(1, "f").value().nodeid();
            long fh = fuse.open(node, 0).value().fh();
            java.nio.ByteBuffer data = fuse.read(node, fh, 0, 4096).value();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("served by nobody\n");

            Path proc = Path.of("/proc", Long.toString(daemon.pid()));
            assertThat(Files.readString(proc.resolve("status"))).containsPattern("(?m)^Uid:\\s+" + NOBODY + "\\s");
            assertThat(Files.readSymbolicLink(proc.resolve("ns/user")))
                    .isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/user")));
            assertThat(Files.readString(proc.resolve("uid_map")).trim()).matches("0\\s+" + NOBODY + "\\s+1");
            try (Stream<Path> root = Files.list(proc.resolve("root"))) {
                assertThat(root.map(p -> p.getFileName().toString())).containsExactly("f");
            }
        }
    }

    /** The Java target's command line under setpriv(1) as nobody, with a copy of the jar nobody can read. */
    private List<String> asNobody(DaemonLaunch launch) throws IOException {
        List<String> argv = new ArrayList<>(new JavaDaemonTarget().commandLine(launch));
        int jar = argv.indexOf("-jar") + 1;
        Path copy = Files.copy(Path.of(argv.get(jar)), base.resolve("vfc-daemon.jar"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        argv.set(jar, copy.toString());
        List<String> all = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--inh-caps=-all"));
        all.addAll(argv);
        return all;
    }

    private static void ownedByNobody(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", NOBODY);
        Files.setAttribute(p, "unix:gid", NOBODY);
    }
}
