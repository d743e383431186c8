package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vfc.fs.Created;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.FopenFlags;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.syscall.PosixFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * --allow-direct-io, --preserve-noatime, --writeback and --allow-mmap: what reaches the host's
 * open(2), read back from /proc/self/fdinfo of the handle's descriptor.
 */
class OpenFlagFeaturesTest {

    private static final long ROOT = 1;

    private static int hostFlags(PassthroughFileSystem fs, long node, long fh) throws Exception {
        int fd = fs.handleDescriptor(node, fh);
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring(6).trim(), 8);
            }
        }
        throw new IllegalStateException("no flags in fdinfo");
    }

    private static int openedFlags(Path share, Features features, long offered, int guestFlags) throws Exception {
        Files.writeString(share.resolve("f"), "data");
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share).withFeatures(features))) {
            fs.init(offered);
            long node = fs.lookup(PassthroughTestBase.GUEST_ROOT, ROOT, "f".getBytes()).nodeid();
            Opened o = fs.open(PassthroughTestBase.GUEST_ROOT, node, guestFlags);
            return hostFlags(fs, node, o.fh());
        }
    }

    private static boolean directIoWorksOn(Path dir) {
        try {
            Path probe = dir.resolve("probe");
            Files.writeString(probe, "x");
            int fd = PosixFiles.openat(PosixFiles.AT_FDCWD, probe.toString().getBytes(),
                    PosixFiles.O_RDONLY | PosixFiles.O_DIRECT | PosixFiles.O_CLOEXEC, 0);
            dev.vfc.syscall.FileDescriptors.closeQuietly(fd);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void allowDirectIoPassesODirectToTheHostWhichIsStrippedOtherwise(@org.junit.jupiter.api.io.TempDir Path share)
            throws Exception {
        assumeTrue(directIoWorksOn(share), "the temporary directory's filesystem has no O_DIRECT");
        int stripped = openedFlags(share, Features.NONE, 0, PosixFiles.O_RDONLY | PosixFiles.O_DIRECT);
        int kept = openedFlags(share, Features.NONE.withAllowDirectIo(true), 0, PosixFiles.O_RDONLY | PosixFiles.O_DIRECT);

        assertThat(stripped & PosixFiles.O_DIRECT).isZero();
        assertThat(kept & PosixFiles.O_DIRECT).isEqualTo(PosixFiles.O_DIRECT);
    }

    @Test
    void preserveNoatimeKeepsONoatimeWhichIsStrippedOtherwise(@org.junit.jupiter.api.io.TempDir Path share)
            throws Exception {
        // The tests run as root, who owns the file, so O_NOATIME is allowed on the host.
        int stripped = openedFlags(share, Features.NONE, 0, PosixFiles.O_RDONLY | PosixFiles.O_NOATIME);
        int kept = openedFlags(share, Features.NONE.withPreserveNoatime(true), 0,
                PosixFiles.O_RDONLY | PosixFiles.O_NOATIME);

        assertThat(stripped & PosixFiles.O_NOATIME).isZero();
        assertThat(kept & PosixFiles.O_NOATIME).isEqualTo(PosixFiles.O_NOATIME);
    }

    @Test
    void writebackOpensWriteOnlyFilesReadWriteAndDropsAppendOnceGranted(@org.junit.jupiter.api.io.TempDir Path share)
            throws Exception {
        int guest = PosixFiles.O_WRONLY | PosixFiles.O_APPEND;
        int plain = openedFlags(share, Features.NONE, FuseInitFlags.WRITEBACK_CACHE, guest);
        int writeback = openedFlags(share, Features.NONE.withWriteback(true), FuseInitFlags.WRITEBACK_CACHE, guest);
        int notGranted = openedFlags(share, Features.NONE.withWriteback(true), 0, guest);

        assertThat(plain & (PosixFiles.O_ACCMODE | PosixFiles.O_APPEND)).isEqualTo(guest);
        assertThat(writeback & (PosixFiles.O_ACCMODE | PosixFiles.O_APPEND)).isEqualTo(PosixFiles.O_RDWR);
        assertThat(notGranted & (PosixFiles.O_ACCMODE | PosixFiles.O_APPEND)).isEqualTo(guest);
    }

    @Test
    void writebackCacheIsAskedForOnlyWithWriteback(@org.junit.jupiter.api.io.TempDir Path share) throws Exception {
        long all = -1L;
        try (PassthroughFileSystem off = new PassthroughFileSystem(PassthroughOptions.of(share));
                PassthroughFileSystem on = new PassthroughFileSystem(PassthroughOptions.of(share)
                        .withFeatures(Features.NONE.withWriteback(true)))) {
            assertThat(off.init(all) & FuseInitFlags.WRITEBACK_CACHE).isZero();
            assertThat(on.init(all) & FuseInitFlags.WRITEBACK_CACHE).isEqualTo(FuseInitFlags.WRITEBACK_CACHE);
        }
    }

    @Test
    void allowMmapLeavesDirectIoOffUnderCacheNever(@org.junit.jupiter.api.io.TempDir Path share) throws Exception {
        PassthroughOptions never = PassthroughOptions.of(share).withCache(CacheMode.NEVER);
        try (PassthroughFileSystem plain = new PassthroughFileSystem(never);
                PassthroughFileSystem mmap = new PassthroughFileSystem(never.withFeatures(
                        Features.NONE.withAllowMmap(true)))) {
            Created a = plain.create(PassthroughTestBase.GUEST_ROOT, ROOT, "a".getBytes(), PosixFiles.O_RDWR, 0644, 0);
            Created b = mmap.create(PassthroughTestBase.GUEST_ROOT, ROOT, "b".getBytes(), PosixFiles.O_RDWR, 0644, 0);

            assertThat(a.opened().openFlags() & FopenFlags.DIRECT_IO).isEqualTo(FopenFlags.DIRECT_IO);
            assertThat(b.opened().openFlags() & FopenFlags.DIRECT_IO).isZero();
        }
    }
}
