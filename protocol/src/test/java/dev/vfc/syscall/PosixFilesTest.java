package dev.vfc.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixFilesTest {

    @TempDir
    Path dir;

    private int dirFd;

    @BeforeEach
    void openDirectory() throws Exception {
        dirFd = PosixFiles.openat(PosixFiles.AT_FDCWD, bytes(dir.toString()),
                PosixFiles.O_PATH | PosixFiles.O_DIRECTORY | PosixFiles.O_CLOEXEC, 0);
    }

    @AfterEach
    void closeDirectory() {
        FileDescriptors.closeQuietly(dirFd);
    }

    @Test
    void fstatatReadsTheStructStatLayoutJavaAgreesWith() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[1234]);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_123L));
        FileStat st = PosixFiles.fstatat(dirFd, bytes("f"), PosixFiles.AT_SYMLINK_NOFOLLOW);
        assertThat(st.ino()).isEqualTo(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        assertThat(st.dev()).isEqualTo(((Number) Files.getAttribute(file, "unix:dev")).longValue());
        assertThat(st.mode()).isEqualTo((int) Files.getAttribute(file, "unix:mode"));
        assertThat(st.nlink()).isEqualTo(1);
        assertThat(st.size()).isEqualTo(1234);
        assertThat(st.uid()).isEqualTo((int) Files.getAttribute(file, "unix:uid"));
        assertThat(st.mtime()).isEqualTo(1_600_000_000L);
        assertThat(st.mtimeNsec()).isEqualTo(123_000_000L);
        assertThat(st.isRegularFile()).isTrue();
        assertThat(st.blksize()).isPositive();
    }

    @Test
    void fstatOfAnOpathSymlinkDescribesTheLinkNotItsTarget() throws Exception {
        Files.createSymbolicLink(dir.resolve("l"), Path.of("/etc"));
        int fd = PosixFiles.openat(dirFd, bytes("l"), PosixFiles.O_PATH | PosixFiles.O_NOFOLLOW, 0);
        try {
            assertThat(PosixFiles.fstat(fd).isSymlink()).isTrue();
            assertThat(PosixFiles.readlinkat(fd, new byte[0])).isEqualTo(bytes("/etc"));
        } finally {
            PosixFiles.close(fd);
        }
    }

    @Test
    void aMissingNameFailsWithEnoent() {
        assertErrno(() -> PosixFiles.openat(dirFd, bytes("nope"), PosixFiles.O_RDONLY, 0), PosixFiles.ENOENT);
        assertErrno(() -> PosixFiles.fstatat(dirFd, bytes("nope"), 0), PosixFiles.ENOENT);
    }

    @Test
    void aNameWithANulByteIsRefusedBeforeAnyCall() {
        assertErrno(() -> PosixFiles.mkdirat(dirFd, new byte[] {'a', 0, 'b'}, 0755), PosixFiles.EINVAL);
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void openat2BeneathRefusesToClimbOutOrFollowAbsolutePaths() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        long flags = PosixFiles.O_PATH | PosixFiles.O_NOFOLLOW | PosixFiles.O_CLOEXEC;
        long beneath = PosixFiles.RESOLVE_BENEATH | PosixFiles.RESOLVE_NO_MAGICLINKS;
        assertErrno(() -> PosixFiles.openat2(dirFd, bytes(".."), flags, 0, beneath), PosixFiles.EXDEV);
        assertErrno(() -> PosixFiles.openat2(dirFd, bytes("/etc"), flags, 0, beneath), PosixFiles.EXDEV);
        int fd = PosixFiles.openat2(dirFd, bytes("sub/.."), flags, 0, beneath);
        try {
            assertThat(PosixFiles.fstat(fd).ino()).isEqualTo(PosixFiles.fstat(dirFd).ino());
        } finally {
            PosixFiles.close(fd);
        }
    }

    @Test
    void namespaceCallsCreateLinkRenameAndRemove() throws Exception {
        PosixFiles.mkdirat(dirFd, bytes("d"), 0750);
        assertThat(PosixFiles.fstatat(dirFd, bytes("d"), 0).isDirectory()).isTrue();
        PosixFiles.mknodat(dirFd, bytes("fifo"), PosixFiles.S_IFIFO | 0600, 0);
        assertThat(PosixFiles.fstatat(dirFd, bytes("fifo"), 0).type()).isEqualTo(PosixFiles.S_IFIFO);
        PosixFiles.symlinkat(bytes("/does/not/matter"), dirFd, bytes("s"));
        assertThat(Files.readSymbolicLink(dir.resolve("s"))).isEqualTo(Path.of("/does/not/matter"));
        Files.write(dir.resolve("a"), bytes("A"));
        Files.write(dir.resolve("b"), bytes("B"));
        PosixFiles.linkat(dirFd, bytes("a"), dirFd, bytes("a2"), 0);
        assertThat(PosixFiles.fstatat(dirFd, bytes("a"), 0).nlink()).isEqualTo(2);

        assertErrno(() -> PosixFiles.renameat2(dirFd, bytes("a"), dirFd, bytes("b"), PosixFiles.RENAME_NOREPLACE),
                PosixFiles.EEXIST);
        PosixFiles.renameat2(dirFd, bytes("a"), dirFd, bytes("b"), PosixFiles.RENAME_EXCHANGE);
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("B");
        assertThat(Files.readString(dir.resolve("b"))).isEqualTo("A");

        PosixFiles.unlinkat(dirFd, bytes("a2"), 0);
        PosixFiles.unlinkat(dirFd, bytes("d"), PosixFiles.AT_REMOVEDIR);
        assertThat(dir.resolve("a2")).doesNotExist();
        assertThat(dir.resolve("d")).doesNotExist();
    }

    @Test
    void getdentsCookiesCanBeSoughtBackTo() throws Exception {
        for (int i = 0; i < 50; i++) {
            Files.createFile(dir.resolve("file-" + i));
        }
        int fd = PosixFiles.openat(dirFd, bytes("."), PosixFiles.O_RDONLY | PosixFiles.O_DIRECTORY, 0);
        try {
            List<DirEntry> all = readAll(fd);
            assertThat(all).hasSize(52);
            assertThat(all.stream().filter(DirEntry::isDotOrDotDot)).hasSize(2);
            DirEntry tenth = all.get(9);
            PosixFiles.lseek(fd, tenth.off(), PosixFiles.SEEK_SET);
            assertThat(readAll(fd)).isEqualTo(all.subList(10, all.size()));
            PosixFiles.lseek(fd, 0, PosixFiles.SEEK_SET);
            assertThat(readAll(fd)).isEqualTo(all);
        } finally {
            PosixFiles.close(fd);
        }
    }

    @Test
    void preadAndPwriteRoundTripWithHeapAndDirectBuffers() throws Exception {
        int fd = PosixFiles.openat(dirFd, bytes("data"), PosixFiles.O_RDWR | PosixFiles.O_CREAT, 0600);
        try {
            ByteBuffer heap = ByteBuffer.wrap(bytes("hello world"));
            assertThat(PosixFiles.pwrite(fd, heap, 100)).isEqualTo(11);
            assertThat(heap.hasRemaining()).isFalse();
            ByteBuffer direct = ByteBuffer.allocateDirect(5);
            assertThat(PosixFiles.pread(fd, direct, 106)).isEqualTo(5);
            direct.flip();
            byte[] got = new byte[5];
            direct.get(got);
            assertThat(got).isEqualTo(bytes("world"));
            ByteBuffer past = ByteBuffer.allocate(4);
            assertThat(PosixFiles.pread(fd, past, 1000)).isZero();
        } finally {
            PosixFiles.close(fd);
        }
    }

    @Test
    void truncateAllocateSeekDataAndCopyFileRange() throws Exception {
        int fd = PosixFiles.openat(dirFd, bytes("src"), PosixFiles.O_RDWR | PosixFiles.O_CREAT, 0600);
        int out = PosixFiles.openat(dirFd, bytes("dst"), PosixFiles.O_RDWR | PosixFiles.O_CREAT, 0600);
        try {
            PosixFiles.ftruncate(fd, 1 << 20);
            PosixFiles.pwrite(fd, ByteBuffer.wrap(bytes("payload")), 512 * 1024);
            long data = PosixFiles.lseek(fd, 0, PosixFiles.SEEK_DATA);
            assertThat(data).isLessThanOrEqualTo(512 * 1024).isGreaterThan(0);
            assertThat(PosixFiles.lseek(fd, 0, PosixFiles.SEEK_HOLE)).isZero();
            PosixFiles.fallocate(out, 0, 0, 8192);
            assertThat(PosixFiles.fstat(out).size()).isEqualTo(8192);
            assertThat(PosixFiles.copyFileRange(fd, 512 * 1024, out, 10, 7, 0)).isEqualTo(7);
            assertThat(Files.readAllBytes(dir.resolve("dst"))).containsSequence(bytes("payload"));
            PosixFiles.fsync(out);
            PosixFiles.fdatasync(out);
            PosixFiles.syncfs(out);
        } finally {
            PosixFiles.close(fd);
            PosixFiles.close(out);
        }
    }

    @Test
    void chmodChownAndUtimensThroughAnOpathDescriptor() throws Exception {
        Files.createFile(dir.resolve("f"));
        int fd = PosixFiles.openat(dirFd, bytes("f"), PosixFiles.O_PATH | PosixFiles.O_NOFOLLOW, 0);
        try {
            PosixFiles.fchmodat(PosixFiles.AT_FDCWD, PosixFiles.procSelfFd(fd), 0640, 0);
            PosixFiles.fchownat(fd, new byte[0], 4321, -1, PosixFiles.AT_EMPTY_PATH | PosixFiles.AT_SYMLINK_NOFOLLOW);
            PosixFiles.utimensat(PosixFiles.AT_FDCWD, PosixFiles.procSelfFd(fd), 0, PosixFiles.UTIME_OMIT, 42, 7, 0);
            FileStat st = PosixFiles.fstat(fd);
            assertThat(st.mode() & 07777).isEqualTo(0640);
            assertThat(st.uid()).isEqualTo(4321);
            assertThat(st.mtime()).isEqualTo(42);
            assertThat(st.mtimeNsec()).isEqualTo(7);
            PosixFiles.faccessat(fd, new byte[0], PosixFiles.R_OK, PosixFiles.AT_EACCESS | PosixFiles.AT_EMPTY_PATH);
        } finally {
            PosixFiles.close(fd);
        }
    }

    @Test
    void fstatvfsDescribesTheFilesystem() throws Exception {
        VfsStat vfs = PosixFiles.fstatvfs(dirFd);
        assertThat(vfs.bsize()).isPositive();
        assertThat(vfs.frsize()).isPositive();
        assertThat(vfs.blocks()).isGreaterThanOrEqualTo(vfs.bfree());
        assertThat(vfs.bfree()).isGreaterThanOrEqualTo(vfs.bavail());
        assertThat(vfs.namemax()).isEqualTo(255);
    }

    @Test
    void extendedAttributesSetGetListAndRemove() throws Exception {
        Files.createFile(dir.resolve("x"));
        byte[] path = bytes(dir.resolve("x").toString());
        PosixFiles.setxattr(path, bytes("user.color"), bytes("blue"), PosixFiles.XATTR_CREATE);
        assertThat(PosixFiles.getxattr(path, bytes("user.color"))).isEqualTo(bytes("blue"));
        assertThat(new String(PosixFiles.listxattr(path), StandardCharsets.UTF_8)).contains("user.color\0");
        PosixFiles.removexattr(path, bytes("user.color"));
        assertErrno(() -> PosixFiles.getxattr(path, bytes("user.color")), 61);
    }

    @Test
    void setfsuidChangesOnlyTheCallingThread() throws Exception {
        int before = PosixFiles.setfsuid(-1);
        AtomicInteger inOther = new AtomicInteger(-1);
        CountDownLatch changed = new CountDownLatch(1);
        // Started before the change: a new thread would inherit the creator's credentials.
        Thread other = new Thread(() -> {
            try {
                changed.await();
                inOther.set(PosixFiles.setfsuid(-1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        int previous = PosixFiles.setfsuid(before == 0 ? 1234 : before);
        try {
            assertThat(PosixFiles.setfsuid(-1)).isEqualTo(before == 0 ? 1234 : before);
            changed.countDown();
            other.join();
            assertThat(previous).isEqualTo(before);
            assertThat(inOther.get()).isEqualTo(before);
        } finally {
            PosixFiles.setfsuid(before);
        }
        assertThat(PosixFiles.setfsuid(-1)).isEqualTo(before);
    }

    @Test
    void umaskIsPrivateToAThreadThatUnsharedItsFsState() throws Exception {
        int processMask = PosixFiles.umask(022);
        PosixFiles.umask(processMask);
        AtomicInteger seen = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            try {
                PosixFiles.unshareFs();
                PosixFiles.umask(0777);
                seen.set(PosixFiles.umask(0777));
            } catch (SyscallException e) {
                seen.set(-2);
            }
        });
        t.start();
        t.join();
        assertThat(seen.get()).isEqualTo(0777);
        int now = PosixFiles.umask(processMask);
        assertThat(now).isEqualTo(processMask);
    }

    private static List<DirEntry> readAll(int fd) throws SyscallException {
        List<DirEntry> all = new ArrayList<>();
        for (List<DirEntry> batch = PosixFiles.getdents64(fd); !batch.isEmpty(); batch = PosixFiles.getdents64(fd)) {
            all.addAll(batch);
        }
        return all;
    }

    private static void assertErrno(ThrowingCallable call, int errno) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SyscallException.class,
                e -> assertThat(e.errno()).as(e.getMessage()).isEqualTo(errno));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
