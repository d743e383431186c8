package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fs.Created;
import dev.vfc.fs.Opened;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.syscall.PosixFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FileIoTest extends PassthroughTestBase {

    @Test
    void writtenBytesReadBackThroughTheChains() throws Exception {
        Created c = fs.create(GUEST_ROOT, ROOT, bytes("f"), PosixFiles.O_RDWR, 0644, 0);
        long node = c.entry().nodeid();
        long fh = c.opened().fh();
        // The node is the created file itself (not the /proc link used to reach it).
        assertThat(fs.getattr(GUEST_ROOT, node, -1).attr()).isEqualTo(c.entry().attr());
        byte[] data = "hello, virtio-fs".getBytes(StandardCharsets.UTF_8);
        assertThat(fs.write(GUEST_ROOT, node, fh, 100, data.length, new FakeChainReader(data), 0)).isEqualTo(data.length);
        FakeChainWriter out = new FakeChainWriter(4096);
        assertThat(fs.read(GUEST_ROOT, node, fh, 100, data.length, out)).isEqualTo(data.length);
        assertThat(out.bytes()).isEqualTo(data);
        assertThat(Files.size(share.resolve("f"))).isEqualTo(100 + data.length);
        fs.flush(GUEST_ROOT, node, fh);
        fs.fsync(GUEST_ROOT, node, fh, false);
        fs.fsync(GUEST_ROOT, node, fh, true);
        fs.release(GUEST_ROOT, node, fh, 0);
        assertThat(fs.handleCount()).isZero();
    }

    @Test
    void aReadNeverReturnsMoreThanAskedAndLessOnlyAtTheEnd() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        Arrays.fill(content, (byte) 'x');
        Files.write(share.resolve("big"), content);
        long node = lookup(ROOT, "big").nodeid();
        Opened o = fs.open(GUEST_ROOT, node, PosixFiles.O_RDONLY);
        FakeChainWriter out = new FakeChainWriter(4 * 1024 * 1024);
        assertThat(fs.read(GUEST_ROOT, node, o.fh(), 0, 2_525_712, out)).isEqualTo(2_525_712);
        assertThat(out.written()).isEqualTo(2_525_712);
        FakeChainWriter tail = new FakeChainWriter(1 << 20);
        assertThat(fs.read(GUEST_ROOT, node, o.fh(), content.length - 10, 4096, tail)).isEqualTo(10);
        assertThat(fs.read(GUEST_ROOT, node, o.fh(), content.length + 10, 4096, new FakeChainWriter(4096))).isZero();
    }

    @Test
    void appendModeIsKeptSoWritesLandAtTheEnd() throws Exception {
        Files.writeString(share.resolve("log"), "one\n");
        long node = lookup(ROOT, "log").nodeid();
        Opened o = fs.open(GUEST_ROOT, node, PosixFiles.O_WRONLY | PosixFiles.O_APPEND);
        byte[] two = bytes("two\n");
        fs.write(GUEST_ROOT, node, o.fh(), 0, two.length, new FakeChainReader(two), 0);
        assertThat(Files.readString(share.resolve("log"))).isEqualTo("one\ntwo\n");
    }

    @Test
    void openWithTruncateEmptiesTheFileAndNoatimeIsHarmless() throws Exception {
        Files.writeString(share.resolve("f"), "content");
        long node = lookup(ROOT, "f").nodeid();
        fs.open(GUEST_ROOT, node, PosixFiles.O_RDWR | PosixFiles.O_TRUNC | PosixFiles.O_NOATIME);
        assertThat(Files.size(share.resolve("f"))).isZero();
    }

    @Test
    void aReleasedOrForeignHandleIsEbadf() throws Exception {
        Files.writeString(share.resolve("a"), "a");
        Files.writeString(share.resolve("b"), "b");
        long a = lookup(ROOT, "a").nodeid();
        long b = lookup(ROOT, "b").nodeid();
        Opened o = fs.open(GUEST_ROOT, a, PosixFiles.O_RDONLY);
        assertErrno(() -> fs.read(GUEST_ROOT, b, o.fh(), 0, 1, new FakeChainWriter(1)), Errno.EBADF);
        fs.release(GUEST_ROOT, a, o.fh(), 0);
        assertErrno(() -> fs.read(GUEST_ROOT, a, o.fh(), 0, 1, new FakeChainWriter(1)), Errno.EBADF);
        assertErrno(() -> fs.write(GUEST_ROOT, a, o.fh(), 0, 1, new FakeChainReader(new byte[1]), 0), Errno.EBADF);
        assertErrno(() -> fs.release(GUEST_ROOT, a, o.fh(), 0), Errno.EBADF);
        assertErrno(() -> fs.flush(GUEST_ROOT, a, 12345), Errno.EBADF);
        assertErrno(() -> fs.fsync(GUEST_ROOT, a, 12345, false), Errno.EBADF);
        Opened again = fs.open(GUEST_ROOT, a, PosixFiles.O_RDONLY);
        assertThat(again.fh()).isGreaterThan(o.fh());
    }

    @Test
    void aDirectoryMayBeOpenedForReadingButNotWriting() throws Exception {
        Files.createDirectory(share.resolve("d"));
        long node = lookup(ROOT, "d").nodeid();
        Opened o = fs.open(GUEST_ROOT, node, PosixFiles.O_RDONLY);
        assertErrno(() -> fs.read(GUEST_ROOT, node, o.fh(), 0, 10, new FakeChainWriter(10)), Errno.EISDIR);
        assertErrno(() -> fs.open(GUEST_ROOT, node, PosixFiles.O_RDWR), Errno.EISDIR);
    }

    @Test
    void setattrChangesModeOwnerSizeAndTimes() throws Exception {
        Files.writeString(share.resolve("f"), "0123456789");
        long node = lookup(ROOT, "f").nodeid();
        SetattrIn in = new SetattrIn(FattrFlags.MODE | FattrFlags.UID | FattrFlags.GID | FattrFlags.SIZE
                | FattrFlags.ATIME | FattrFlags.MTIME | FattrFlags.CTIME,
                0, 4, 0, 1_000_000, 2_000_000, 3, 5, 6, 7, PosixFiles.S_IFREG | 0600, 1234, 5678);
        AttrOut out = fs.setattr(GUEST_ROOT, node, in);
        assertThat(out.attr().mode() & 07777).isEqualTo(0600);
        assertThat(out.attr().uid()).isEqualTo(1234);
        assertThat(out.attr().gid()).isEqualTo(5678);
        assertThat(out.attr().size()).isEqualTo(4);
        assertThat(out.attr().atime()).isEqualTo(1_000_000);
        assertThat(out.attr().atimensec()).isEqualTo(5);
        assertThat(out.attr().mtime()).isEqualTo(2_000_000);
        assertThat(out.attr().mtimensec()).isEqualTo(6);
        assertThat(Files.readString(share.resolve("f"))).isEqualTo("0123");
    }

    @Test
    void setattrNowSetsTheCurrentTimeAndSizeUsesTheHandleWhenGiven() throws Exception {
        Files.writeString(share.resolve("f"), "0123456789");
        long node = lookup(ROOT, "f").nodeid();
        Opened o = fs.open(GUEST_ROOT, node, PosixFiles.O_RDWR);
        long before = System.currentTimeMillis() / 1000 - 2;
        SetattrIn in = new SetattrIn(FattrFlags.SIZE | FattrFlags.FH | FattrFlags.ATIME | FattrFlags.ATIME_NOW
                | FattrFlags.MTIME | FattrFlags.MTIME_NOW, o.fh(), 20, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        AttrOut out = fs.setattr(GUEST_ROOT, node, in);
        assertThat(out.attr().size()).isEqualTo(20);
        assertThat(out.attr().mtime()).isGreaterThanOrEqualTo(before);
        assertThat(out.attr().atime()).isGreaterThanOrEqualTo(before);
        SetattrIn stale = new SetattrIn(FattrFlags.SIZE | FattrFlags.FH, 999, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertErrno(() -> fs.setattr(GUEST_ROOT, node, stale), Errno.EBADF);
    }

    @Test
    void truncatingADirectoryOrSpecialFileIsRefusedWithoutOpeningIt() throws Exception {
        long fifo = fs.mknod(GUEST_ROOT, ROOT, bytes("fifo"), PosixFiles.S_IFIFO | 0644, 0, 0).nodeid();
        SetattrIn size = new SetattrIn(FattrFlags.SIZE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertErrno(() -> fs.setattr(GUEST_ROOT, fifo, size), Errno.EINVAL);
        assertErrno(() -> fs.setattr(GUEST_ROOT, ROOT, size), Errno.EISDIR);
    }

    @Test
    void fallocateLseekAndCopyFileRangeWorkOnHandles() throws Exception {
        Created src = fs.create(GUEST_ROOT, ROOT, bytes("src"), PosixFiles.O_RDWR, 0644, 0);
        Created dst = fs.create(GUEST_ROOT, ROOT, bytes("dst"), PosixFiles.O_RDWR, 0644, 0);
        long s = src.entry().nodeid();
        long d = dst.entry().nodeid();
        fs.fallocate(GUEST_ROOT, s, src.opened().fh(), 0, 0, 1 << 20);
        assertThat(fs.getattr(GUEST_ROOT, s, -1).attr().size()).isEqualTo(1 << 20);
        byte[] data = bytes("data in the middle");
        fs.write(GUEST_ROOT, s, src.opened().fh(), 1 << 19, data.length, new FakeChainReader(data), 0);
        SetattrIn grow = new SetattrIn(FattrFlags.SIZE, 0, 4 << 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        fs.setattr(GUEST_ROOT, s, grow);
        assertThat(fs.lseek(GUEST_ROOT, s, src.opened().fh(), 1 << 19, PosixFiles.SEEK_DATA)).isEqualTo(1 << 19);
        assertThat(fs.lseek(GUEST_ROOT, s, src.opened().fh(), 1 << 19, PosixFiles.SEEK_HOLE))
                .isGreaterThan(1 << 19).isLessThanOrEqualTo(4 << 20);
        assertErrno(() -> fs.lseek(GUEST_ROOT, s, src.opened().fh(), 2 << 20, PosixFiles.SEEK_DATA), Errno.ENXIO);
        long copied = fs.copyFileRange(GUEST_ROOT, s, src.opened().fh(), 1 << 19, d, dst.opened().fh(), 0,
                data.length, 0);
        assertThat(copied).isEqualTo(data.length);
        assertThat(Files.readAllBytes(share.resolve("dst"))).isEqualTo(data);
    }

    @Test
    void statfsDescribesTheSharesFilesystem() throws Exception {
        var st = fs.statfs(GUEST_ROOT, ROOT);
        assertThat(st.bsize()).isPositive();
        assertThat(st.frsize()).isPositive();
        assertThat(st.namelen()).isEqualTo(255);
        assertThat(st.blocks()).isPositive().isGreaterThanOrEqualTo(st.bfree());
        assertThat(st.bfree()).isGreaterThanOrEqualTo(st.bavail());
        assertThat(st.files()).isGreaterThanOrEqualTo(st.ffree());
    }

    @Test
    void syncfsWorksOnFilesAndDirectories() throws Exception {
        Files.writeString(share.resolve("f"), "x");
        fs.syncfs(GUEST_ROOT, lookup(ROOT, "f").nodeid());
        fs.syncfs(GUEST_ROOT, ROOT);
        assertThat(fs.handleCount()).isZero();
    }
}
