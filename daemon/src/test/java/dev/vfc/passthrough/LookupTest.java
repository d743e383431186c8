package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.syscall.PosixFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LookupTest extends PassthroughTestBase {

    @Test
    void lookupOfAFileReportsItsHostAttributesUnderANewNode() throws Exception {
        Path file = Files.write(share.resolve("a.txt"), new byte[42]);
        EntryOut e = lookup(ROOT, "a.txt");
        assertThat(e.nodeid()).isGreaterThan(ROOT);
        assertThat(e.attr().size()).isEqualTo(42);
        assertThat(e.attr().mode() & PosixFiles.S_IFMT).isEqualTo(PosixFiles.S_IFREG);
        assertThat(e.attr().ino()).isEqualTo(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        assertThat(e.entryValid()).isEqualTo(1);
        assertThat(e.attrValid()).isEqualTo(1);
        assertThat(fs.getattr(GUEST_ROOT, e.nodeid(), -1).attr()).isEqualTo(e.attr());
    }

    @Test
    void lookupOfADirectoryReportsADirectory() throws Exception {
        Files.createDirectory(share.resolve("d"));
        EntryOut e = lookup(ROOT, "d");
        assertThat(e.attr().mode() & PosixFiles.S_IFMT).isEqualTo(PosixFiles.S_IFDIR);
        assertThat(fs.getattr(GUEST_ROOT, ROOT, -1).attr().mode() & PosixFiles.S_IFMT).isEqualTo(PosixFiles.S_IFDIR);
    }

    @Test
    void theSameFileLookedUpTwiceIsOneNodeWithTwoLookups() throws Exception {
        Files.createFile(share.resolve("f"));
        long first = lookup(ROOT, "f").nodeid();
        long second = lookup(ROOT, "f").nodeid();
        assertThat(second).isEqualTo(first);
        assertThat(fs.lookupCount(first)).isEqualTo(2);
    }

    @Test
    void twoHardLinksOfOneFileAreOneNode() throws Exception {
        Files.createFile(share.resolve("f"));
        Files.createLink(share.resolve("g"), share.resolve("f"));
        assertThat(lookup(ROOT, "g").nodeid()).isEqualTo(lookup(ROOT, "f").nodeid());
    }

    @Test
    void forgettingEveryLookupDropsTheNodeAndClosesItsDescriptor() throws Exception {
        Files.createFile(share.resolve("f"));
        long before = openDescriptors();
        long node = lookup(ROOT, "f").nodeid();
        lookup(ROOT, "f");
        assertThat(openDescriptors()).isEqualTo(before + 1);
        fs.forget(node, 1);
        assertThat(fs.lookupCount(node)).isEqualTo(1);
        fs.forget(node, 1);
        assertThat(fs.lookupCount(node)).isEqualTo(-1);
        assertThat(openDescriptors()).isEqualTo(before);
        assertErrno(() -> fs.getattr(GUEST_ROOT, node, -1), Errno.EBADF);
    }

    @Test
    void nodeIdsOnlyGrowAndAreNeverReused() throws Exception {
        Files.createFile(share.resolve("f"));
        long first = lookup(ROOT, "f").nodeid();
        fs.forget(first, 1);
        long again = lookup(ROOT, "f").nodeid();
        assertThat(again).isGreaterThan(first);
        fs.destroy();
        assertThat(lookup(ROOT, "f").nodeid()).isGreaterThan(again);
    }

    @Test
    void destroyDropsEverythingButTheRoot() throws Exception {
        Files.createDirectory(share.resolve("d"));
        long node = lookup(ROOT, "d").nodeid();
        fs.opendir(GUEST_ROOT, node, 0);
        fs.destroy();
        assertThat(fs.nodeCount()).isEqualTo(1);
        assertThat(fs.handleCount()).isZero();
        assertThat(fs.lookupCount(ROOT)).isEqualTo(1);
        assertErrno(() -> fs.getattr(GUEST_ROOT, node, -1), Errno.EBADF);
        fs.forget(ROOT, 100);
        assertThat(fs.getattr(GUEST_ROOT, ROOT, -1).attr().mode() & PosixFiles.S_IFMT).isEqualTo(PosixFiles.S_IFDIR);
    }

    @Test
    void dotIsTheNodeItselfAndDotDotOfTheRootIsTheRoot() throws Exception {
        assertThat(lookup(ROOT, "..").nodeid()).isEqualTo(ROOT);
        assertThat(lookup(ROOT, ".").nodeid()).isEqualTo(ROOT);
        Files.createDirectories(share.resolve("a/b"));
        long a = lookup(ROOT, "a").nodeid();
        long b = lookup(a, "b").nodeid();
        assertThat(lookup(b, ".").nodeid()).isEqualTo(b);
        assertThat(lookup(b, "..").nodeid()).isEqualTo(a);
        assertThat(lookup(a, "..").nodeid()).isEqualTo(ROOT);
    }

    @Test
    void dotDotOfAFileIsNotADirectory() throws Exception {
        Files.createFile(share.resolve("a.txt"));
        long file = lookup(ROOT, "a.txt").nodeid();
        assertErrno(() -> lookup(file, ".."), Errno.ENOTDIR);
        assertErrno(() -> lookup(file, "."), Errno.ENOTDIR);
        assertErrno(() -> lookup(file, "x"), Errno.ENOTDIR);
    }

    @Test
    void dotDotOfADirectoryTheHostMovedOutOfTheShareLeadsNowhere(@org.junit.jupiter.api.io.TempDir Path outside)
            throws Exception {
        Files.createDirectories(share.resolve("d/e"));
        long e = lookup(lookup(ROOT, "d").nodeid(), "e").nodeid();
        Files.move(share.resolve("d/e"), outside.resolve("e"));
        assertErrno(() -> lookup(e, ".."), Errno.ENOENT);
    }

    @Test
    void namesWithASlashOrNulAreRefusedAndAbsoluteNamesNeverReachTheHostRoot() {
        assertErrno(() -> lookup(ROOT, "/etc"), Errno.EINVAL);
        assertErrno(() -> lookup(ROOT, "a/b"), Errno.EINVAL);
        assertErrno(() -> lookup(ROOT, "../.."), Errno.EINVAL);
        assertErrno(() -> fs.lookup(GUEST_ROOT, ROOT, new byte[] {'a', 0}), Errno.EINVAL);
    }

    @Test
    void aMissingNameIsEnoent() {
        assertErrno(() -> lookup(ROOT, "nope"), Errno.ENOENT);
    }

    @Test
    void anUnknownParentIsEbadf() {
        assertErrno(() -> lookup(999, "x"), Errno.EBADF);
    }

    @Test
    void aSymlinkToEtcIsNeverFollowedByLookupOpenOrReaddir() throws Exception {
        Files.createSymbolicLink(share.resolve("esc"), Path.of("/etc"));
        EntryOut link = lookup(ROOT, "esc");
        assertThat(link.attr().mode() & PosixFiles.S_IFMT).isEqualTo(PosixFiles.S_IFLNK);
        assertThat(fs.readlink(GUEST_ROOT, link.nodeid())).isEqualTo(bytes("/etc"));
        assertErrno(() -> lookup(link.nodeid(), "passwd"), Errno.ENOTDIR);
        assertErrno(() -> lookup(link.nodeid(), ".."), Errno.ENOTDIR);
        assertErrno(() -> fs.open(GUEST_ROOT, link.nodeid(), PosixFiles.O_RDONLY), Errno.ELOOP);
        assertErrno(() -> fs.opendir(GUEST_ROOT, link.nodeid(), 0), Errno.ENOTDIR);
        assertErrno(() -> fs.readlink(GUEST_ROOT, ROOT), Errno.EINVAL);
    }

    @Test
    void aSymlinkToADirectoryInsideIsNotFollowedEither() throws Exception {
        Files.createDirectory(share.resolve("real"));
        Files.createFile(share.resolve("real/inner"));
        Files.createSymbolicLink(share.resolve("alias"), Path.of("real"));
        long alias = lookup(ROOT, "alias").nodeid();
        assertErrno(() -> lookup(alias, "inner"), Errno.ENOTDIR);
    }
}
