package dev.vfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vfc.passthrough.Features;
import dev.vfc.passthrough.InodeFileHandles;
import dev.vfc.passthrough.PassthroughOptions;
import dev.vfc.syscall.ResourceLimits;
import dev.vfc.syscall.UnixDatagram;
import dev.vfc.syscall.UnixSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the daemon does once at start-up: rlimit, syslog, the socket's group, file handles. */
class StartUpTest {

    @TempDir
    Path dir;

    @Test
    void rlimitNofileByDefaultRaisesALowSoftLimitToTheRustTarget() throws Exception {
        ResourceLimits.Limit before = ResourceLimits.openFiles();
        long nrOpen = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/fs/nr_open")).get(0).trim());
        long target = Math.min(OpenFileLimit.DEFAULT_NOFILE, nrOpen);
        assumeTrue(before.hard() >= target || FileHandleCheck.hasCapability(24), "needs CAP_SYS_RESOURCE");
        try {
            ResourceLimits.setOpenFiles(new ResourceLimits.Limit(4096, before.hard()));

            long now = OpenFileLimit.apply(OptionalLong.empty());

            assertThat(now).isEqualTo(target);
            assertThat(ResourceLimits.openFiles().soft()).isEqualTo(target);
        } finally {
            ResourceLimits.setOpenFiles(before);
        }
    }

    @Test
    void rlimitNofileZeroLeavesTheLimitAndNSetsIt() throws Exception {
        ResourceLimits.Limit before = ResourceLimits.openFiles();
        try {
            ResourceLimits.setOpenFiles(new ResourceLimits.Limit(4096, before.hard()));
            assertThat(OpenFileLimit.apply(OptionalLong.of(0))).isEqualTo(4096);
            long n = before.hard();
            assertThat(OpenFileLimit.apply(OptionalLong.of(n))).isEqualTo(n);
            assertThat(ResourceLimits.openFiles()).isEqualTo(new ResourceLimits.Limit(n, n));
        } finally {
            ResourceLimits.setOpenFiles(before);
        }
    }

    @Test
    void syslogSendsEachRecordAsOneDatagramInTheBsdFormat() throws Exception {
        Path devLog = dir.resolve("log");
        try (UnixDatagram syslogd = UnixDatagram.bind(devLog)) {
            SyslogHandler handler = new SyslogHandler(devLog, "vfc-daemon");
            handler.publish(new LogRecord(Level.WARNING, "frontend went away"));
            handler.close();

            String line = new String(syslogd.receive(1024), StandardCharsets.UTF_8);

            // LOG_USER (1) * 8 + warning (4) = 12
            assertThat(line).isEqualTo("<12>vfc-daemon[" + ProcessHandle.current().pid() + "]: frontend went away");
        }
    }

    @Test
    void socketGroupGivesTheBoundSocketThatGroupAndGroupReadWrite() throws Exception {
        String[] other = Files.readAllLines(Path.of("/etc/group")).stream().map(l -> l.split(":"))
                .filter(f -> f.length > 2 && !f[2].equals("0")).findFirst().orElseThrow();
        Path socket = dir.resolve("vfs.sock");
        try (UnixSocket listening = UnixSocket.listen(socket)) {
            SocketGroup.apply(socket, other[0]);

            assertThat(Files.getAttribute(socket, "unix:gid")).isEqualTo(Integer.parseInt(other[2]));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                    .isEqualTo("rw-rw----");
        }
        assertThatThrownBy(() -> SocketGroup.apply(socket, "no-such-group-here"))
                .hasMessage("--socket-group no-such-group-here: no such group");
    }

    @Test
    void mandatoryFileHandlesRefuseAShareWithoutThemAndPreferGoesOn() throws Exception {
        // procfs has no export operations, so name_to_handle_at fails there.
        PassthroughOptions proc = PassthroughOptions.of(Path.of("/proc/self")).withReadonly(true);
        assertThatThrownBy(() -> FileHandleCheck.atStartUp(proc.withFeatures(
                Features.NONE.withInodeFileHandles(InodeFileHandles.MANDATORY))))
                .hasMessageStartingWith("--inode-file-handles=mandatory: ");
        FileHandleCheck.atStartUp(proc.withFeatures(Features.NONE.withInodeFileHandles(InodeFileHandles.PREFER)));
        FileHandleCheck.atStartUp(proc.withFeatures(Features.NONE.withInodeFileHandles(InodeFileHandles.NEVER)));
    }

    @Test
    void mandatoryFileHandlesStartOnAShareThatHasThem() throws Exception {
        assumeTrue(FileHandleCheck.hasCapability(2), "needs CAP_DAC_READ_SEARCH");
        FileHandleCheck.atStartUp(PassthroughOptions.of(dir).withFeatures(
                Features.NONE.withInodeFileHandles(InodeFileHandles.MANDATORY)));
    }

    @Test
    void noReaddirplusReachesTheServerOptions() throws Exception {
        DaemonOptions o = DaemonOptions.parse(List.of("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir,
                "--no-readdirplus"));
        assertThat(VirtioFsDaemon.serverOptions(o).readdirplus()).isFalse();
        DaemonOptions d = DaemonOptions.parse(List.of("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir));
        assertThat(VirtioFsDaemon.serverOptions(d).readdirplus()).isTrue();
    }
}
