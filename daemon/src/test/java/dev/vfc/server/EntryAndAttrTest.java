package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fs.Context;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.BatchForgetIn;
import dev.vfc.fuse.CreateIn;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FattrFlags;
import dev.vfc.fuse.ForgetIn;
import dev.vfc.fuse.ForgetOne;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.GetattrFlags;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.fuse.InterruptIn;
import dev.vfc.fuse.Kstatfs;
import dev.vfc.fuse.LinkIn;
import dev.vfc.fuse.OpenIn;
import dev.vfc.fuse.OpenOut;
import dev.vfc.fuse.ReleaseIn;
import dev.vfc.fuse.Rename2In;
import dev.vfc.fuse.SetattrIn;
import dev.vfc.fuse.StatfsOut;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.MemoryFileSystem;
import dev.vfc.server.fake.Req;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EntryAndAttrTest {

    private final Fixture fx = new Fixture();
    private long file;

    @BeforeEach
    void init() {
        fx.initOvmf();
        file = fx.fs.addFile("grubx64.efi", new byte[1234]);
    }

    @Test
    void LOOKUP_fills_OVMFs_16_40_88_descriptors_with_exactly_144_bytes() {
        Exchange x = fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("grubx64.efi"), 16, 40, 88);

        assertThat(x.used()).isEqualTo(144);
        EntryOut e = EntryOut.decode(x.body());
        assertThat(e.nodeid()).isEqualTo(file);
        assertThat(e.attr().size()).isEqualTo(1234);
        assertThat(fx.fs.lookups(file)).isEqualTo(1);
    }

    @Test
    void a_filesystem_errno_becomes_a_16_byte_error_reply() {
        Exchange x = fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("missing"), 16, 40, 88);

        assertThat(x.used()).isEqualTo(16);
        assertThat(x.errno()).isEqualTo(Errno.ENOENT.number());
    }

    @Test
    void FORGET_gets_no_reply_and_reaches_the_filesystem() {
        Exchange x = fx.send(Req.op(FuseOpcode.FORGET).node(file).body(new ForgetIn(1)));

        assertThat(x.used()).isZero();
        assertThat(fx.fs.forgets).singleElement().satisfies(f -> assertThat(f).containsExactly(file, 1));
    }

    @Test
    void FORGET_gets_no_reply_even_when_the_chain_has_writable_room() {
        Exchange x = fx.send(Req.op(FuseOpcode.FORGET).node(file).body(new ForgetIn(1)), 16);

        assertThat(x.used()).isZero();
        assertThat(x.writer().highWater()).isZero();
    }

    @Test
    void a_truncated_FORGET_gets_no_reply_and_forgets_nothing() {
        Exchange x = fx.send(Req.op(FuseOpcode.FORGET).node(file).bytes(new byte[4]), 16);

        assertThat(x.used()).isZero();
        assertThat(fx.fs.forgets).isEmpty();
    }

    @Test
    void BATCH_FORGET_gets_no_reply_and_forgets_every_item() {
        Exchange x = fx.send(Req.op(FuseOpcode.BATCH_FORGET).body(new BatchForgetIn(2)).body(new ForgetOne(5, 1))
                .body(new ForgetOne(6, 7)));

        assertThat(x.used()).isZero();
        assertThat(fx.fs.forgets).hasSize(2);
        assertThat(fx.fs.forgets.get(1)).containsExactly(6, 7);
    }

    @Test
    void BATCH_FORGET_with_a_count_larger_than_the_body_forgets_the_items_that_are_there() {
        Exchange x = fx.send(Req.op(FuseOpcode.BATCH_FORGET).body(new BatchForgetIn(-1)).body(new ForgetOne(5, 1))
                .body(new ForgetOne(6, 2)).bytes(new byte[7]));

        assertThat(x.used()).isZero();
        assertThat(fx.fs.forgets).hasSize(2);
        assertThat(fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("grubx64.efi"), 16, 40, 88).errno()).isZero();
    }

    @Test
    void INTERRUPT_gets_no_reply() {
        assertThat(fx.send(Req.op(FuseOpcode.INTERRUPT).body(new InterruptIn(5)), 16).used()).isZero();
    }

    @Test
    void CREATE_replies_entry_and_open_in_160_bytes() {
        Exchange x = fx.send(Req.op(FuseOpcode.CREATE).node(1).body(new CreateIn(2, 0666, 0, 0)).name("new.txt"),
                16, 40, 88, 16);

        assertThat(x.used()).isEqualTo(160);
        ByteBuffer body = x.body();
        EntryOut e = EntryOut.decode(body);
        OpenOut o = OpenOut.decode(body);
        assertThat(e.attr().mode() & 0777).isEqualTo(0666);
        assertThat(o.fh()).isPositive();
    }

    @Test
    void GETATTR_without_GETATTR_FH_passes_fh_minus_1_and_replies_120_bytes() {
        Exchange x = fx.send(Req.op(FuseOpcode.GETATTR).node(file).body(new GetattrIn(0, 77)), 16, 16, 88);

        assertThat(x.used()).isEqualTo(120);
        assertThat(AttrOut.decode(x.body()).attr().ino()).isEqualTo(file);
        assertThat(fx.fs.calls()).containsExactly("getattr " + file + " fh -1");
    }

    @Test
    void GETATTR_with_GETATTR_FH_passes_the_handle() {
        fx.send(Req.op(FuseOpcode.GETATTR).node(file).body(new GetattrIn(GetattrFlags.FH, 77)), 16, 104);

        assertThat(fx.fs.calls()).containsExactly("getattr " + file + " fh 77");
    }

    @Test
    void SETATTR_truncates_and_replies_the_new_attributes() {
        SetattrIn in = new SetattrIn(FattrFlags.SIZE, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Exchange x = fx.send(Req.op(FuseOpcode.SETATTR).node(file).body(in), 16, 16, 88);

        assertThat(x.used()).isEqualTo(120);
        assertThat(AttrOut.decode(x.body()).attr().size()).isEqualTo(10);
    }

    @Test
    void STATFS_with_a_header_only_request_replies_96_bytes() {
        Exchange x = fx.send(Req.op(FuseOpcode.STATFS).node(1), 16, 80);

        assertThat(x.used()).isEqualTo(96);
        assertThat(StatfsOut.decode(x.body()).st().namelen()).isEqualTo(255);
    }

    @Test
    void OPEN_then_RELEASE() {
        Exchange open = fx.send(Req.op(FuseOpcode.OPEN).node(file).body(new OpenIn(0, 0)), 16, 16);
        long fh = OpenOut.decode(open.body()).fh();

        Exchange release = fx.send(Req.op(FuseOpcode.RELEASE).node(file).body(new ReleaseIn(fh, 0, 0, 0)), 16);

        assertThat(open.used()).isEqualTo(32);
        assertThat(release.used()).isEqualTo(16);
        assertThat(release.errno()).isZero();
        assertThat(fx.fs.calls()).containsExactly("open " + file, "release " + fh);
    }

    @Test
    void RENAME2_passes_its_flags_and_both_names() {
        Exchange x = fx.send(Req.op(FuseOpcode.RENAME2).node(1).body(new Rename2In(1, 1)).name("grubx64.efi")
                .name("GRUBX64.EFI"), 16);

        assertThat(x.errno()).isZero();
        assertThat(fx.fs.calls()).containsExactly("rename grubx64.efi -> GRUBX64.EFI flags 1");
    }

    @Test
    void LINK_takes_the_old_node_from_the_body_and_the_new_parent_from_the_header() {
        Exchange x = fx.send(Req.op(FuseOpcode.LINK).node(1).body(new LinkIn(file)).name("hard"), 16, 128);

        assertThat(x.used()).isEqualTo(144);
        assertThat(fx.fs.calls()).containsExactly("link " + file + " as hard");
    }

    @Test
    void READLINK_replies_the_target_without_a_NUL() {
        fx.send(Req.op(FuseOpcode.SYMLINK).node(1).name("l").name("grubx64.efi"), 16, 128);
        long link = EntryOut.decode(fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("l"), 16, 128).body()).nodeid();

        Exchange x = fx.send(Req.op(FuseOpcode.READLINK).node(link), 16, 4096);

        assertThat(x.used()).isEqualTo(16 + "grubx64.efi".length());
        assertThat(new String(x.body().array())).isEqualTo("grubx64.efi");
    }

    @Test
    void an_operation_the_filesystem_does_not_implement_is_ENOSYS() {
        Exchange x = fx.send(Req.op(FuseOpcode.ACCESS).node(1).bytes(new byte[8]), 16);

        assertThat(x.errno()).isEqualTo(Errno.ENOSYS.number());
    }

    @Test
    void the_callers_credentials_reach_the_filesystem() {
        int[] seen = new int[3];
        Fixture creds = Fixture.over(new MemoryFileSystem() {
            @Override
            public Kstatfs statfs(Context ctx, long node) {
                seen[0] = ctx.uid();
                seen[1] = ctx.gid();
                seen[2] = ctx.pid();
                return new Kstatfs(1, 1, 1, 1, 1, 4096, 255, 4096);
            }
        });
        creds.initOvmf();

        creds.send(Req.op(FuseOpcode.STATFS).node(1).creds(1000, 100, 42), 16, 80);

        assertThat(seen).containsExactly(1000, 100, 42);
    }

    @Test
    void replies_are_little_endian_with_len_and_unique_first() {
        Exchange x = fx.send(Req.op(FuseOpcode.STATFS).node(1).unique(0x0102030405060708L), 16, 80);

        ByteBuffer raw = ByteBuffer.wrap(x.writer().bytes(16)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.getInt(0)).isEqualTo(96);
        assertThat(raw.getInt(4)).isZero();
        assertThat(raw.getLong(8)).isEqualTo(0x0102030405060708L);
    }
}
