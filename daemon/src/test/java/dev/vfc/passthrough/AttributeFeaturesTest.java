package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fs.Created;
import dev.vfc.fuse.AttrFlags;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.fuse.WriteFlags;
import dev.vfc.syscall.PosixFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --killpriv-v2 and --announce-submounts. The tests run as root, whose own writes keep suid. */
class AttributeFeaturesTest {

    private static final long ROOT = 1;

    @TempDir
    Path share;

    private int modeAfterMarkedWrite(Features features) throws Exception {
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share).withFeatures(features))) {
            fs.init(-1L);
            Created c = fs.create(PassthroughTestBase.GUEST_ROOT, ROOT, ("f" + features.hashCode()).getBytes(),
                    PosixFiles.O_RDWR, 0755, 0);
            long node = c.entry().nodeid();
            fs.setattr(PassthroughTestBase.GUEST_ROOT, node, mode(06755));
            byte[] data = {1, 2, 3};
            fs.write(PassthroughTestBase.GUEST_ROOT, node, c.opened().fh(), 0, data.length, new FakeChainReader(data),
                    WriteFlags.KILL_SUIDGID);
            return fs.getattr(PassthroughTestBase.GUEST_ROOT, node, 0).attr().mode() & 07777;
        }
    }

    private static SetattrIn mode(int mode) {
        return new SetattrIn(FattrFlags.MODE, 0, 0, 0, 0, 0, 0, 0, 0, 0, mode, 0, 0);
    }

    @Test
    void killprivV2ClearsSuidAndSgidOnAWriteMarkedKillSuidgid() throws Exception {
        assertThat(modeAfterMarkedWrite(Features.NONE)).isEqualTo(06755);
        assertThat(modeAfterMarkedWrite(Features.NONE.withKillprivV2(true))).isEqualTo(0755);
    }

    @Test
    void killprivV2ClearsSuidOnATruncationMarkedKillSuidgidButKeepsSgidWithoutGroupExecute() throws Exception {
        try (PassthroughFileSystem fs = new PassthroughFileSystem(PassthroughOptions.of(share)
                .withFeatures(Features.NONE.withKillprivV2(true)))) {
            assertThat(fs.init(-1L) & FuseInitFlags.HANDLE_KILLPRIV_V2).isEqualTo(FuseInitFlags.HANDLE_KILLPRIV_V2);
            Created c = fs.create(PassthroughTestBase.GUEST_ROOT, ROOT, "t".getBytes(), PosixFiles.O_RDWR, 0644, 0);
            long node = c.entry().nodeid();
            fs.setattr(PassthroughTestBase.GUEST_ROOT, node, mode(06744));
            SetattrIn truncate = new SetattrIn(FattrFlags.SIZE | FattrFlags.KILL_SUIDGID, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0);

            int after = fs.setattr(PassthroughTestBase.GUEST_ROOT, node, truncate).attr().mode() & 07777;

            assertThat(after).isEqualTo(02744);
        }
    }

    @Test
    void announceSubmountsMarksADirectoryOnAnotherDeviceThanItsParent() throws Exception {
        // /proc is always a mount of its own, whatever / is.
        PassthroughOptions root = PassthroughOptions.of(Path.of("/")).withReadonly(true);
        try (PassthroughFileSystem plain = new PassthroughFileSystem(root);
                PassthroughFileSystem announcing = new PassthroughFileSystem(root.withFeatures(
                        Features.NONE.withAnnounceSubmounts(true)))) {
            assertThat(plain.init(-1L) & FuseInitFlags.SUBMOUNTS).isZero();
            assertThat(announcing.init(-1L) & FuseInitFlags.SUBMOUNTS).isEqualTo(FuseInitFlags.SUBMOUNTS);

            EntryOut quiet = plain.lookup(PassthroughTestBase.GUEST_ROOT, ROOT, "proc".getBytes());
            EntryOut marked = announcing.lookup(PassthroughTestBase.GUEST_ROOT, ROOT, "proc".getBytes());
            Files.createDirectory(share.resolve("same-device"));
            try (PassthroughFileSystem tmp = new PassthroughFileSystem(PassthroughOptions.of(share)
                    .withFeatures(Features.NONE.withAnnounceSubmounts(true)))) {
                tmp.init(-1L);
                EntryOut ordinary = tmp.lookup(PassthroughTestBase.GUEST_ROOT, ROOT, "same-device".getBytes());
                assertThat(ordinary.attr().flags() & AttrFlags.SUBMOUNT).isZero();
            }

            assertThat(quiet.attr().flags() & AttrFlags.SUBMOUNT).isZero();
            assertThat(marked.attr().flags() & AttrFlags.SUBMOUNT).isEqualTo(AttrFlags.SUBMOUNT);
        }
    }
}
