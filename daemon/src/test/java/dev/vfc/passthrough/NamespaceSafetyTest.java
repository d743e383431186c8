package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fs.Created;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.syscall.PosixFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CVE-2026-47243 and CVE-2020-35517, and the single-component rule for every name. */
class NamespaceSafetyTest extends PassthroughTestBase {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a/b", "/abs", ".", "..", "../x", "/"})
    void createTypeOperationsRefuseNamesThatAreNotOneComponent(String bad) throws Exception {
        byte[] name = bytes(bad);
        Files.createFile(share.resolve("file"));
        long file = lookup(ROOT, "file").nodeid();
        assertErrno(() -> fs.mkdir(USER, ROOT, name, 0755, 0), Errno.EINVAL);
        assertErrno(() -> fs.mknod(GUEST_ROOT, ROOT, name, PosixFiles.S_IFREG | 0644, 0, 0), Errno.EINVAL);
        assertErrno(() -> fs.symlink(GUEST_ROOT, bytes("t"), ROOT, name), Errno.EINVAL);
        assertErrno(() -> fs.link(GUEST_ROOT, file, ROOT, name), Errno.EINVAL);
        assertErrno(() -> fs.create(GUEST_ROOT, ROOT, name, PosixFiles.O_RDWR, 0644, 0), Errno.EINVAL);
        assertErrno(() -> fs.rename(GUEST_ROOT, ROOT, bytes("file"), ROOT, name, 0), Errno.EINVAL);
        assertErrno(() -> fs.rename(GUEST_ROOT, ROOT, name, ROOT, bytes("other"), 0), Errno.EINVAL);
        assertErrno(() -> fs.unlink(GUEST_ROOT, ROOT, name), Errno.EINVAL);
        assertErrno(() -> fs.rmdir(GUEST_ROOT, ROOT, name), Errno.EINVAL);
        assertThat(share.resolve("file")).exists();
    }

    @Test
    void anAbsoluteSymlinkNameIsRefusedAndCreatesNothingAnywhere() throws Exception {
        Path evil = Path.of("/tmp/vfc-evil-" + UUID.randomUUID());
        assertErrno(() -> fs.symlink(GUEST_ROOT, bytes("/etc/shadow"), ROOT, bytes(evil.toString())), Errno.EINVAL);
        assertThat(Files.exists(evil, LinkOption.NOFOLLOW_LINKS)).isFalse();
        try (var entries = Files.list(share)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void aSymlinkTargetIsStoredVerbatimAndNeverFollowed() throws Exception {
        EntryOut link = fs.symlink(GUEST_ROOT, bytes("../../../../etc/passwd"), ROOT, bytes("l"));
        assertThat(link.attr().mode() & PosixFiles.S_IFMT).isEqualTo(PosixFiles.S_IFLNK);
        assertThat(Files.readSymbolicLink(share.resolve("l"))).isEqualTo(Path.of("../../../../etc/passwd"));
        assertThat(fs.readlink(GUEST_ROOT, link.nodeid())).isEqualTo(bytes("../../../../etc/passwd"));
        assertErrno(() -> fs.open(GUEST_ROOT, link.nodeid(), PosixFiles.O_RDONLY), Errno.ELOOP);
    }

    @Test
    void aCharacterDeviceMayBeMadeButNeverOpened() throws Exception {
        int rdev = 0x103; // makedev(1, 3), like /dev/null
        EntryOut dev = fs.mknod(GUEST_ROOT, ROOT, bytes("null"), PosixFiles.S_IFCHR | 0666, rdev, 0);
        assertThat(dev.attr().mode() & PosixFiles.S_IFMT).isEqualTo(PosixFiles.S_IFCHR);
        assertThat(dev.attr().rdev()).isEqualTo(rdev);
        assertErrno(() -> fs.open(GUEST_ROOT, dev.nodeid(), PosixFiles.O_RDONLY), Errno.EACCES);
        assertErrno(() -> fs.open(GUEST_ROOT, dev.nodeid(), PosixFiles.O_WRONLY), Errno.EACCES);
        assertErrno(() -> fs.opendir(GUEST_ROOT, dev.nodeid(), 0), Errno.ENOTDIR);
        assertThat(fs.handleCount()).isZero();
    }

    @Test
    void aFifoIsNeverOpenedSoNoWorkerBlocksOnIt() throws Exception {
        EntryOut fifo = fs.mknod(GUEST_ROOT, ROOT, bytes("fifo"), PosixFiles.S_IFIFO | 0666, 0, 0);
        assertErrno(() -> fs.open(GUEST_ROOT, fifo.nodeid(), PosixFiles.O_RDONLY), Errno.EACCES);
        assertErrno(() -> fs.create(GUEST_ROOT, ROOT, bytes("fifo"), PosixFiles.O_RDONLY, 0644, 0), Errno.EACCES);
        fs.syncfs(GUEST_ROOT, fifo.nodeid()); // syncs the share's filesystem instead of opening the FIFO
        assertThat(fs.handleCount()).isZero();
    }

    @Test
    void aSocketNodeIsNeverOpened() throws Exception {
        EntryOut sock = fs.mknod(GUEST_ROOT, ROOT, bytes("sock"), PosixFiles.S_IFSOCK | 0666, 0, 0);
        assertErrno(() -> fs.open(GUEST_ROOT, sock.nodeid(), PosixFiles.O_RDWR), Errno.EACCES);
    }

    @Test
    void createWithExclusiveOnAnExistingNameIsEexistAndWithoutItOpensTheFile() throws Exception {
        Files.writeString(share.resolve("f"), "old");
        assertErrno(() -> fs.create(GUEST_ROOT, ROOT, bytes("f"), PosixFiles.O_RDWR | PosixFiles.O_EXCL, 0644, 0),
                Errno.EEXIST);
        Created c = fs.create(GUEST_ROOT, ROOT, bytes("f"), PosixFiles.O_RDWR | PosixFiles.O_TRUNC, 0644, 0);
        assertThat(c.entry().attr().size()).isZero();
        assertThat(c.entry().nodeid()).isEqualTo(lookup(ROOT, "f").nodeid());
        assertThat(fs.lookupCount(c.entry().nodeid())).isEqualTo(2);
    }

    @Test
    void createOverAnExistingSymlinkDoesNotFollowIt(@org.junit.jupiter.api.io.TempDir Path outside) throws Exception {
        Path target = outside.resolve("victim");
        Files.createSymbolicLink(share.resolve("l"), target);
        assertErrno(() -> fs.create(GUEST_ROOT, ROOT, bytes("l"), PosixFiles.O_RDWR, 0644, 0), Errno.ELOOP);
        assertThat(target).doesNotExist();
    }
}
