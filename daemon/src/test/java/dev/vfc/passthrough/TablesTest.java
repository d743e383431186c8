package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.Errno;
import dev.vfc.syscall.FileStat;
import dev.vfc.syscall.PosixFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inode and handle tables on their own, and under concurrent use. */
class TablesTest {

    @TempDir
    Path dir;

    @Test
    void aForgottenInodeInUseKeepsItsDescriptorUntilTheUseEnds() throws Exception {
        Files.createFile(dir.resolve("f"));
        InodeTable table = table();
        long id = table.register(open("f"), stat("f"));
        Inode inUse = table.use(id);
        table.forget(id, 1);
        assertThat(inUse.freed()).isFalse();
        assertThat(PosixFiles.fstat(inUse.fd()).isRegularFile()).isTrue();
        PassthroughTestBase.assertErrno(() -> table.use(id), Errno.EBADF);
        inUse.close();
        assertThat(inUse.freed()).isTrue();
        table.closeAll();
    }

    @Test
    void forgetNeverDropsTheRootAndIgnoresUnknownIds() throws Exception {
        InodeTable table = table();
        table.forget(InodeTable.ROOT_ID, Long.MAX_VALUE);
        table.forget(77, 1);
        assertThat(table.size()).isEqualTo(1);
        try (Inode root = table.use(InodeTable.ROOT_ID)) {
            assertThat(root.isDirectory()).isTrue();
        }
        table.closeAll();
    }

    @Test
    void aHugeForgetCountDropsTheNodeAtOnce() throws Exception {
        Files.createFile(dir.resolve("f"));
        InodeTable table = table();
        long id = table.register(open("f"), stat("f"));
        table.register(open("f"), stat("f"));
        table.forget(id, -1); // u64 nlookup above Long.MAX_VALUE
        assertThat(table.lookups(id)).isEqualTo(-1);
        table.closeAll();
    }

    @Test
    void aHandleIsOnlyFoundForItsOwnNodeAndOnlyUntilReleased() throws Exception {
        Files.createFile(dir.resolve("f"));
        HandleTable handles = new HandleTable();
        long fh = handles.add(5, open("f"), false);
        long second = handles.add(5, open("f"), true);
        assertThat(second).isGreaterThan(fh);
        PassthroughTestBase.assertErrno(() -> handles.use(fh, 6), Errno.EBADF);
        Handle h = handles.use(fh, 5);
        handles.remove(fh, 5);
        assertThat(h.freed()).isFalse();
        h.close();
        assertThat(h.freed()).isTrue();
        PassthroughTestBase.assertErrno(() -> handles.remove(fh, 5), Errno.EBADF);
        handles.clear();
        assertThat(handles.size()).isZero();
    }

    @Test
    void concurrentLookupsAndForgetsKeepCountsExactAndLeakNoDescriptors() throws Exception {
        for (int i = 0; i < 8; i++) {
            Files.writeString(dir.resolve("f" + i), "x");
        }
        long before = PassthroughTestBase.openDescriptors();
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(dir))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Void>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    work.add(() -> {
                        for (int round = 0; round < 200; round++) {
                            for (int i = 0; i < 8; i++) {
                                long id = fs.lookup(PassthroughTestBase.GUEST_ROOT, 1,
                                        ("f" + i).getBytes(StandardCharsets.UTF_8)).nodeid();
                                fs.getattr(PassthroughTestBase.GUEST_ROOT, id, -1);
                                fs.forget(id, 1);
                            }
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(work)) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(fs.nodeCount()).isEqualTo(1);
        }
        assertThat(PassthroughTestBase.openDescriptors()).isEqualTo(before);
    }

    private InodeTable table() throws Exception {
        int fd = PosixFiles.openat(PosixFiles.AT_FDCWD, dir.toString().getBytes(StandardCharsets.UTF_8),
                PosixFiles.O_PATH | PosixFiles.O_DIRECTORY, 0);
        return new InodeTable(fd, PosixFiles.fstat(fd));
    }

    private int open(String name) throws Exception {
        return PosixFiles.openat(PosixFiles.AT_FDCWD, dir.resolve(name).toString().getBytes(StandardCharsets.UTF_8),
                PosixFiles.O_PATH | PosixFiles.O_NOFOLLOW, 0);
    }

    private FileStat stat(String name) throws Exception {
        return PosixFiles.fstatat(PosixFiles.AT_FDCWD, dir.resolve(name).toString().getBytes(StandardCharsets.UTF_8),
                PosixFiles.AT_SYMLINK_NOFOLLOW);
    }
}
