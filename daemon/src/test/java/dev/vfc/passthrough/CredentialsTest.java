package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vfc.fs.Created;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.syscall.PosixFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating operations run as the guest's user (fsuid/fsgid, umask); CVE-2022-0358. */
class CredentialsTest extends PassthroughTestBase {

    private static final int GROUP = 2000;

    @BeforeEach
    void needsRoot() {
        assumeTrue(PosixFiles.geteuid() == 0, "switching fsuid needs root");
    }

    @Test
    void droppingSupplementaryGroupsSucceedsAndLeavesNone() throws Exception {
        Credentials.dropSupplementaryGroups();
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        assertThat(status).filteredOn(l -> l.startsWith("Groups:")).singleElement()
                .satisfies(l -> assertThat(l.substring("Groups:".length()).trim()).isEmpty());
    }

    @Test
    void aFileCreatedInASetgidDirectoryGetsTheGuestUidTheDirectorysGroupAndNoSetgidBit() throws Exception {
        long dir = setgidDirectory();
        Created c = fs.create(USER, dir, bytes("f"), PosixFiles.O_RDWR, PosixFiles.S_IFREG | 02755, 0);
        assertThat(c.entry().attr().uid()).isEqualTo(1000);
        assertThat(c.entry().attr().gid()).isEqualTo(GROUP);
        // The guest user is not in GROUP, and the daemon has no supplementary groups, so the
        // kernel strips S_ISGID (the CVE-2022-0358 escalation would keep it).
        assertThat(c.entry().attr().mode() & 02000).isZero();
        assertThat(c.entry().attr().mode() & 0777).isEqualTo(0755);
        assertThat(Files.getAttribute(share.resolve("sg/f"), "unix:uid")).isEqualTo(1000);
    }

    @Test
    void aDirectoryMadeInASetgidDirectoryInheritsItsGroupAndSetgidBit() throws Exception {
        long dir = setgidDirectory();
        EntryOut d = fs.mkdir(USER, dir, bytes("d"), 0755, 0);
        assertThat(d.attr().uid()).isEqualTo(1000);
        assertThat(d.attr().gid()).isEqualTo(GROUP);
        assertThat(d.attr().mode() & 02000).isEqualTo(02000);
    }

    @Test
    void aSymlinkAndANodeMadeByTheGuestUserBelongToIt() throws Exception {
        long dir = openDirectory();
        assertThat(fs.symlink(USER, bytes("x"), dir, bytes("l")).attr().uid()).isEqualTo(1000);
        EntryOut n = fs.mknod(USER, dir, bytes("n"), PosixFiles.S_IFREG | 0640, 0, 0);
        assertThat(n.attr().uid()).isEqualTo(1000);
        assertThat(n.attr().gid()).isEqualTo(1000);
    }

    @Test
    void theHostChecksPermissionAsTheGuestUser() throws Exception {
        Files.createDirectory(share.resolve("rootonly"));
        Files.setPosixFilePermissions(share.resolve("rootonly"), PosixFilePermissions.fromString("rwxr-xr-x"));
        long dir = lookup(ROOT, "rootonly").nodeid();
        assertErrno(() -> fs.mkdir(USER, dir, bytes("d"), 0755, 0), Errno.EACCES);
        assertErrno(() -> fs.create(USER, dir, bytes("f"), PosixFiles.O_RDWR, 0644, 0), Errno.EACCES);
        assertThat(fs.mkdir(GUEST_ROOT, dir, bytes("d"), 0755, 0).attr().uid()).isZero();
    }

    @Test
    void accessIsCheckedAsTheGuestUser() throws Exception {
        Files.writeString(share.resolve("secret"), "x");
        Files.setPosixFilePermissions(share.resolve("secret"), PosixFilePermissions.fromString("rw-------"));
        long node = lookup(ROOT, "secret").nodeid();
        assertErrno(() -> fs.access(USER, node, PosixFiles.R_OK), Errno.EACCES);
        fs.access(GUEST_ROOT, node, PosixFiles.R_OK | PosixFiles.W_OK);
        fs.access(USER, node, PosixFiles.F_OK);
    }

    @Test
    void theRequestsUmaskAppliesAndNotTheProcesses() throws Exception {
        assertThat(fs.mkdir(GUEST_ROOT, ROOT, bytes("open"), 0777, 0).attr().mode() & 07777).isEqualTo(0777);
        assertThat(fs.mkdir(GUEST_ROOT, ROOT, bytes("masked"), 0777, 027).attr().mode() & 07777).isEqualTo(0750);
        Created c = fs.create(GUEST_ROOT, ROOT, bytes("f"), PosixFiles.O_RDWR, 0666, 0);
        assertThat(c.entry().attr().mode() & 07777).isEqualTo(0666);
    }

    @Test
    void theThreadIsItsOwnSelfAgainAfterEachOperationEvenAFailedOne() throws Exception {
        long dir = openDirectory();
        fs.mkdir(USER, dir, bytes("d"), 0755, 0);
        assertErrno(() -> fs.mkdir(USER, dir, bytes("d"), 0755, 0), Errno.EEXIST);
        assertThat(PosixFiles.setfsuid(-1)).isZero();
        assertThat(PosixFiles.setfsgid(-1)).isZero();
        // Root's file capabilities are back: it can read a file nobody may read.
        Files.writeString(share.resolve("none"), "x");
        Files.setPosixFilePermissions(share.resolve("none"), PosixFilePermissions.fromString("---------"));
        assertThat(Files.readString(share.resolve("none"))).isEqualTo("x");
    }

    /** A directory everyone may write, so the guest user can create in it. */
    private long openDirectory() throws Exception {
        Path dir = Files.createDirectory(share.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return lookup(ROOT, "open").nodeid();
    }

    /** root:2000, mode 2777: writable by all, new files inherit group 2000. */
    private long setgidDirectory() throws FsException, java.io.IOException {
        Path dir = Files.createDirectory(share.resolve("sg"));
        Files.setAttribute(dir, "unix:gid", GROUP);
        Files.setAttribute(dir, "unix:mode", 02777);
        return lookup(ROOT, "sg").nodeid();
    }
}
