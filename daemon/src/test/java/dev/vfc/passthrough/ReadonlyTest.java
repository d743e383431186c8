package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fs.Opened;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.syscall.PosixFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadonlyTest extends PassthroughTestBase {

    @Override
    PassthroughOptions options(Path dir) {
        return PassthroughOptions.of(dir).withReadonly(true).withXattr(true);
    }

    @Test
    void everyModifyingOperationIsErofsAndChangesNothing() throws Exception {
        Files.writeString(share.resolve("f"), "data");
        Files.createDirectory(share.resolve("d"));
        long f = lookup(ROOT, "f").nodeid();
        assertErrno(() -> fs.mkdir(GUEST_ROOT, ROOT, bytes("n"), 0755, 0), Errno.EROFS);
        assertErrno(() -> fs.mknod(GUEST_ROOT, ROOT, bytes("n"), PosixFiles.S_IFIFO | 0644, 0, 0), Errno.EROFS);
        assertErrno(() -> fs.symlink(GUEST_ROOT, bytes("t"), ROOT, bytes("n")), Errno.EROFS);
        assertErrno(() -> fs.link(GUEST_ROOT, f, ROOT, bytes("n")), Errno.EROFS);
        assertErrno(() -> fs.create(GUEST_ROOT, ROOT, bytes("n"), PosixFiles.O_RDWR, 0644, 0), Errno.EROFS);
        assertErrno(() -> fs.unlink(GUEST_ROOT, ROOT, bytes("f")), Errno.EROFS);
        assertErrno(() -> fs.rmdir(GUEST_ROOT, ROOT, bytes("d")), Errno.EROFS);
        assertErrno(() -> fs.rename(GUEST_ROOT, ROOT, bytes("f"), ROOT, bytes("g"), 0), Errno.EROFS);
        SetattrIn chmod = new SetattrIn(FattrFlags.MODE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0777, 0, 0);
        assertErrno(() -> fs.setattr(GUEST_ROOT, f, chmod), Errno.EROFS);
        assertErrno(() -> fs.setxattr(GUEST_ROOT, f, bytes("user.a"), bytes("v"), 0), Errno.EROFS);
        assertErrno(() -> fs.removexattr(GUEST_ROOT, f, bytes("user.a")), Errno.EROFS);
        assertErrno(() -> fs.access(GUEST_ROOT, f, PosixFiles.W_OK), Errno.EROFS);
        assertThat(Files.readString(share.resolve("f"))).isEqualTo("data");
        try (var names = Files.list(share)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("f", "d");
        }
    }

    @Test
    void opensForWritingOrTruncatingAreErofsButReadingWorks() throws Exception {
        Files.writeString(share.resolve("f"), "data");
        long f = lookup(ROOT, "f").nodeid();
        assertErrno(() -> fs.open(GUEST_ROOT, f, PosixFiles.O_WRONLY), Errno.EROFS);
        assertErrno(() -> fs.open(GUEST_ROOT, f, PosixFiles.O_RDWR), Errno.EROFS);
        assertErrno(() -> fs.open(GUEST_ROOT, f, PosixFiles.O_RDONLY | PosixFiles.O_TRUNC), Errno.EROFS);
        Opened o = fs.open(GUEST_ROOT, f, PosixFiles.O_RDONLY);
        FakeChainWriter out = new FakeChainWriter(100);
        assertThat(fs.read(GUEST_ROOT, f, o.fh(), 0, 100, out)).isEqualTo(4);
        assertErrno(() -> fs.write(GUEST_ROOT, f, o.fh(), 0, 1, new FakeChainReader(new byte[1]), 0), Errno.EROFS);
        assertErrno(() -> fs.fallocate(GUEST_ROOT, f, o.fh(), 0, 0, 10), Errno.EROFS);
        assertErrno(() -> fs.copyFileRange(GUEST_ROOT, f, o.fh(), 0, f, o.fh(), 10, 1, 0), Errno.EROFS);
        fs.access(GUEST_ROOT, f, PosixFiles.R_OK);
        assertThat(fs.getattr(GUEST_ROOT, f, -1).attr().size()).isEqualTo(4);
        assertErrno(() -> fs.getxattr(GUEST_ROOT, ROOT, bytes("user.none")), Errno.ENODATA);
    }
}
