package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.fs.Context;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FopenFlags;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.syscall.PosixFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache modes, xattr on and off, init flags, and a bad shared directory. */
class OptionsTest {

    private static final Context ROOT_CTX = new Context(0, 0, 1);

    @TempDir
    Path share;

    @Test
    void cacheModesSetTheTimeoutsAndOpenFlags() throws Exception {
        Files.writeString(share.resolve("f"), "x");
        expect(CacheMode.AUTO, 1, 0, 0);
        expect(CacheMode.ALWAYS, 86_400, FopenFlags.KEEP_CACHE, FopenFlags.CACHE_DIR);
        expect(CacheMode.NEVER, 0, FopenFlags.DIRECT_IO, 0);
    }

    @Test
    void initWantsReaddirplusUnlessCachingIsOff() throws Exception {
        long all = -1L;
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share))) {
            assertThat(fs.init(all) & FuseInitFlags.DO_READDIRPLUS).isNotZero();
            assertThat(fs.init(0)).isZero();
        }
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share)
                .withCache(CacheMode.NEVER))) {
            assertThat(fs.init(all) & (FuseInitFlags.DO_READDIRPLUS | FuseInitFlags.READDIRPLUS_AUTO)).isZero();
        }
    }

    @Test
    void initLeavesTheUmaskToTheDaemonBecauseCreatingOperationsApplyIt() throws Exception {
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share))) {
            assertThat(fs.init(-1L) & FuseInitFlags.DONT_MASK).isNotZero();
            fs.mkdir(ROOT_CTX, 1, bytes("d"), 0777, 027);
            assertThat(Files.getPosixFilePermissions(share.resolve("d")))
                    .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        }
    }

    @Test
    void withXattrOffEveryXattrOperationIsEnosys() throws Exception {
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share))) {
            assertErrno(() -> fs.setxattr(ROOT_CTX, 1, bytes("user.a"), bytes("v"), 0), Errno.ENOSYS);
            assertErrno(() -> fs.getxattr(ROOT_CTX, 1, bytes("user.a")), Errno.ENOSYS);
            assertErrno(() -> fs.listxattr(ROOT_CTX, 1), Errno.ENOSYS);
            assertErrno(() -> fs.removexattr(ROOT_CTX, 1, bytes("user.a")), Errno.ENOSYS);
        }
    }

    @Test
    void withXattrOnValuesAreSetReadListedAndRemoved() throws Exception {
        Files.writeString(share.resolve("f"), "x");
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share).withXattr(true))) {
            long f = fs.lookup(ROOT_CTX, 1, bytes("f")).nodeid();
            assertThat(fs.listxattr(ROOT_CTX, f)).isEmpty();
            fs.setxattr(ROOT_CTX, f, bytes("user.color"), bytes("blue"), PosixFiles.XATTR_CREATE);
            fs.setxattr(ROOT_CTX, f, bytes("user.empty"), new byte[0], 0);
            assertErrno(() -> fs.setxattr(ROOT_CTX, f, bytes("user.color"), bytes("red"), PosixFiles.XATTR_CREATE),
                    Errno.EEXIST);
            assertThat(fs.getxattr(ROOT_CTX, f, bytes("user.color"))).isEqualTo(bytes("blue"));
            assertThat(fs.getxattr(ROOT_CTX, f, bytes("user.empty"))).isEmpty();
            assertThat(new String(fs.listxattr(ROOT_CTX, f), StandardCharsets.UTF_8))
                    .contains("user.color\0").contains("user.empty\0");
            fs.removexattr(ROOT_CTX, f, bytes("user.color"));
            assertErrno(() -> fs.getxattr(ROOT_CTX, f, bytes("user.color")), Errno.ENODATA);
            assertErrno(() -> fs.removexattr(ROOT_CTX, f, bytes("user.color")), Errno.ENODATA);
            assertThat(Files.readString(share.resolve("f"))).isEqualTo("x");
        }
    }

    @Test
    void xattrsOfASymlinkNodeAreTheLinksOwnNotItsTargets() throws Exception {
        Files.writeString(share.resolve("target"), "x");
        Files.createSymbolicLink(share.resolve("l"), Path.of("target"));
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share).withXattr(true))) {
            long t = fs.lookup(ROOT_CTX, 1, bytes("target")).nodeid();
            long l = fs.lookup(ROOT_CTX, 1, bytes("l")).nodeid();
            fs.setxattr(ROOT_CTX, t, bytes("user.mine"), bytes("t"), 0);
            assertThat(new String(fs.listxattr(ROOT_CTX, l), StandardCharsets.UTF_8)).doesNotContain("user.mine");
            // user.* on a symlink is refused by the kernel itself.
            assertErrno(() -> fs.setxattr(ROOT_CTX, l, bytes("user.x"), bytes("v"), 0), Errno.EPERM);
        }
    }

    @Test
    void aSharedDirectoryThatIsMissingOrAFileIsRefusedAtStart() throws IOException {
        Path file = Files.writeString(share.resolve("file"), "x");
        assertThatThrownBy(() -> new PassthroughFileSystem(PassthroughOptions.of(share.resolve("missing"))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new PassthroughFileSystem(PassthroughOptions.of(file)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void optionsHaveTheReferenceDaemonsDefaults() {
        PassthroughOptions o = PassthroughOptions.of(share);
        assertThat(o.cache()).isEqualTo(CacheMode.AUTO);
        assertThat(o.xattr()).isFalse();
        assertThat(o.readonly()).isFalse();
        assertThat(o.withReadonly(true).withXattr(true).withCache(CacheMode.NEVER))
                .isEqualTo(new PassthroughOptions(share, CacheMode.NEVER, true, true));
    }

    private void expect(CacheMode mode, long timeout, int fileFlags, int dirFlags) throws Exception {
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share).withCache(mode))) {
            var e = fs.lookup(ROOT_CTX, 1, bytes("f"));
            assertThat(e.entryValid()).isEqualTo(timeout);
            assertThat(e.attrValid()).isEqualTo(timeout);
            assertThat(fs.getattr(ROOT_CTX, 1, -1).attrValid()).isEqualTo(timeout);
            assertThat(fs.open(ROOT_CTX, e.nodeid(), PosixFiles.O_RDONLY).openFlags()).isEqualTo(fileFlags);
            assertThat(fs.opendir(ROOT_CTX, 1, 0).openFlags()).isEqualTo(dirFlags);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertErrno(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Errno errno) {
        PassthroughTestBase.assertErrno(call, errno);
    }
}
