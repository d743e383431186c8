package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.syscall.PosixFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --posix-acl and --xattrmap, on the host's user.* and trusted.* attributes of a temporary file. */
class XattrFeaturesTest {

    private static final long ROOT = 1;

    @TempDir
    Path share;

    private PassthroughFileSystem over(Features features) throws Exception {
        return new PassthroughFileSystem(PassthroughOptions.of(share).withXattr(true).withFeatures(features));
    }

    private long fileNode(PassthroughFileSystem fs) throws Exception {
        if (!Files.exists(share.resolve("f"))) {
            Files.writeString(share.resolve("f"), "x");
        }
        return fs.lookup(PassthroughTestBase.GUEST_ROOT, ROOT, "f".getBytes()).nodeid();
    }

    private byte[] hostXattr(String name) throws Exception {
        return PosixFiles.getxattr(share.resolve("f").toString().getBytes(StandardCharsets.UTF_8),
                name.getBytes(StandardCharsets.UTF_8));
    }

    private static String names(byte[] list) {
        return new String(list, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    }

    @Test
    void posixAclNamesAreRefusedUnlessPosixAclIsGranted() throws Exception {
        byte[] acl = "system.posix_acl_access".getBytes();
        try (PassthroughFileSystem off = over(Features.NONE); PassthroughFileSystem on = over(
                Features.NONE.withPosixAcl(true))) {
            off.init(-1L);
            long granted = on.init(-1L);
            long a = fileNode(off);
            long b = fileNode(on);

            assertThatThrownBy(() -> off.getxattr(PassthroughTestBase.GUEST_ROOT, a, acl))
                    .isInstanceOfSatisfying(FsException.class, e -> assertThat(e.getMessage()).contains("--posix-acl"));
            assertThat(granted & (FuseInitFlags.POSIX_ACL | FuseInitFlags.SETXATTR_EXT))
                    .isEqualTo(FuseInitFlags.POSIX_ACL | FuseInitFlags.SETXATTR_EXT);
            // Granted, the request reaches the host: a file without an ACL has no such attribute.
            assertThatThrownBy(() -> on.getxattr(PassthroughTestBase.GUEST_ROOT, b, acl))
                    .isInstanceOfSatisfying(FsException.class, e -> assertThat(e.getMessage()).doesNotContain(
                            "--posix-acl"));
        }
    }

    @Test
    void posixAclIsNotGrantedWithoutSetxattrExtAndDontMask() throws Exception {
        try (PassthroughFileSystem on = over(Features.NONE.withPosixAcl(true))) {
            assertThat(on.init(FuseInitFlags.POSIX_ACL) & FuseInitFlags.POSIX_ACL).isZero();
        }
    }

    @Test
    void xattrmapPrefixRuleRenamesNamesBothWays() throws Exception {
        XattrMap map = XattrMap.parse(":prefix:all:trusted.:user.virtiofs.: :ok:all:::");
        try (PassthroughFileSystem fs = over(Features.NONE.withXattrmap(Optional.of(map)))) {
            long node = fileNode(fs);
            fs.setxattr(PassthroughTestBase.GUEST_ROOT, node, "trusted.t".getBytes(), "v".getBytes(), 0);

            assertThat(hostXattr("user.virtiofs.trusted.t")).isEqualTo("v".getBytes());
            assertThat(fs.getxattr(PassthroughTestBase.GUEST_ROOT, node, "trusted.t".getBytes()))
                    .isEqualTo("v".getBytes());
            assertThat(names(fs.listxattr(PassthroughTestBase.GUEST_ROOT, node))).isEqualTo("trusted.t");
            fs.removexattr(PassthroughTestBase.GUEST_ROOT, node, "trusted.t".getBytes());
            assertThat(names(fs.listxattr(PassthroughTestBase.GUEST_ROOT, node))).isEmpty();
        }
    }

    @Test
    void xattrmapMapShorthandHidesAndRefusesTheHostPrefixItself() throws Exception {
        XattrMap map = XattrMap.parse(":map:user.:user.guest.:");
        try (PassthroughFileSystem fs = over(Features.NONE.withXattrmap(Optional.of(map)))) {
            long node = fileNode(fs);
            fs.setxattr(PassthroughTestBase.GUEST_ROOT, node, "user.a".getBytes(), "1".getBytes(), 0);

            assertThat(hostXattr("user.guest.user.a")).isEqualTo("1".getBytes());
            assertThat(names(fs.listxattr(PassthroughTestBase.GUEST_ROOT, node))).isEqualTo("user.a");
        }
    }

    @Test
    void xattrmapBadAndUnsupportedRulesAnswerEpermAndEnotsupAndHideHostNames() throws Exception {
        Files.writeString(share.resolve("f"), "x");
        PosixFiles.setxattr(share.resolve("f").toString().getBytes(), "user.secret".getBytes(), "s".getBytes(), 0);
        XattrMap map = XattrMap.parse(":bad:all:user.secret:user.secret: |unsupported|all|user.no|user.no| :ok:all:::");
        try (PassthroughFileSystem fs = over(Features.NONE.withXattrmap(Optional.of(map)))) {
            long node = fileNode(fs);

            PassthroughTestBase.assertErrno(() -> fs.getxattr(PassthroughTestBase.GUEST_ROOT, node,
                    "user.secret".getBytes()), Errno.EPERM);
            PassthroughTestBase.assertErrno(() -> fs.setxattr(PassthroughTestBase.GUEST_ROOT, node,
                    "user.no".getBytes(), "1".getBytes(), 0), Errno.EOPNOTSUPP);
            assertThat(names(fs.listxattr(PassthroughTestBase.GUEST_ROOT, node))).isEmpty();
        }
    }

    @Test
    void xattrmapRulesThatDoNotParseSayWhichRule() {
        assertThatThrownBy(() -> XattrMap.parse(":ok:all:::  :prefix:everywhere:a:b:"))
                .hasMessage("xattrmap rule 2: scope 'everywhere' is not one of all, client, server");
        assertThatThrownBy(() -> XattrMap.parse(":ok:all::"))
                .hasMessage("xattrmap rule 1 is incomplete");
        assertThatThrownBy(() -> XattrMap.parse(":rename:all:::"))
                .hasMessageContaining("type 'rename'");
        assertThatThrownBy(() -> XattrMap.parse("   ")).hasMessage("xattrmap has no rules");
    }
}
