package dev.vfc.server;

import static dev.vfc.fuse.FuseInitFlags.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.InitOut;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.Req;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InitTest {

    private final Fixture fx = new Fixture();

    @Test
    void an_OVMF_INIT_gets_the_full_80_byte_reply_with_minor_31_or_more_readdirplus_and_max_write_of_4096_or_more() {
        Exchange x = fx.initOvmf();

        assertThat(x.used()).isEqualTo(80);
        assertThat(x.errno()).isZero();
        InitOut out = Fixture.initOut(x);
        assertThat(out.major()).isEqualTo(7);
        assertThat(out.minor()).isGreaterThanOrEqualTo(31);
        assertThat(out.flags() & DO_READDIRPLUS).isNotZero();
        assertThat(Integer.toUnsignedLong(out.maxWrite())).isGreaterThanOrEqualTo(4096);
        assertThat(out.flags2()).as("no INIT_EXT offered, so no flags2").isZero();
        assertThat(fx.server.initialised()).isTrue();
    }

    @Test
    void the_OVMF_reply_grants_only_what_OVMF_offered() {
        InitOut out = Fixture.initOut(fx.initOvmf());

        assertThat(Integer.toUnsignedLong(out.flags())).isEqualTo(DO_READDIRPLUS);
        assertThat(out.maxPages()).as("MAX_PAGES was not offered").isZero();
    }

    @Test
    void a_Linux_7_38_INIT_with_INIT_EXT_and_MAX_PAGES_gets_max_pages_256_and_the_server_flags() {
        Exchange x = fx.initLinux();

        assertThat(x.used()).isEqualTo(80);
        InitOut out = Fixture.initOut(x);
        assertThat(out.minor()).isEqualTo(38);
        assertThat(out.maxPages()).isEqualTo(256);
        assertThat(out.maxWrite()).isEqualTo(1 << 20);
        assertThat(out.maxReadahead()).as("the driver's own").isEqualTo(128 * 1024);
        assertThat(out.timeGran()).isEqualTo(1);
        assertThat(out.maxBackground()).isEqualTo(64);
        assertThat(out.congestionThreshold()).isEqualTo(48);
        assertThat(out.allFlags()).isEqualTo(SessionOps.SERVER_FLAGS);
        assertThat(fx.fs.initOffered).containsExactly(Fixture.LINUX_OFFER);
    }

    @Test
    void flags_the_filesystem_asks_for_are_granted_but_locks_DAX_and_export_never_are() {
        fx.fs.initWants = WRITEBACK_CACHE | SETXATTR_EXT | POSIX_LOCKS | FLOCK_LOCKS | EXPORT_SUPPORT | MAP_ALIGNMENT
                | HAS_INODE_DAX | SECURITY_CTX;

        InitOut out = Fixture.initOut(fx.initLinux());

        assertThat(out.allFlags()).isEqualTo(SessionOps.SERVER_FLAGS | WRITEBACK_CACHE | SETXATTR_EXT);
    }

    @Test
    void flags_are_never_granted_when_the_driver_did_not_offer_them() {
        fx.fs.initWants = WRITEBACK_CACHE;

        Exchange x = fx.send(Fixture.init(7, 38, ASYNC_READ | INIT_EXT, InitIn.SIZE), 16, 64);

        assertThat(Fixture.initOut(x).allFlags()).isEqualTo(ASYNC_READ | INIT_EXT);
    }

    @Test
    void with_readdirplus_off_DO_READDIRPLUS_is_not_granted_even_when_offered() {
        Fixture off = new Fixture(ServerOptions.defaults().withReaddirplus(false));

        InitOut out = Fixture.initOut(off.initLinux());

        assertThat(out.allFlags() & (DO_READDIRPLUS | READDIRPLUS_AUTO)).isZero();
    }

    @Test
    void max_write_and_max_pages_come_from_the_options() {
        Fixture small = new Fixture(ServerOptions.defaults().withMaxWrite(8192).withMaxPages(2));

        InitOut out = Fixture.initOut(small.initLinux());

        assertThat(out.maxWrite()).isEqualTo(8192);
        assertThat(out.maxPages()).isEqualTo(2);
    }

    @Test
    void a_driver_at_7_26_gets_EPROTO_and_no_session() {
        Exchange x = fx.send(Fixture.init(7, 26, 0, InitIn.SIZE_COMPAT), 16, 64);

        assertThat(x.errno()).isEqualTo(Errno.EPROTO.number());
        assertThat(fx.server.initialised()).isFalse();
    }

    @Test
    void a_driver_at_7_27_is_accepted_and_answered_with_our_minor() {
        Exchange x = fx.send(Fixture.init(7, 27, 0, InitIn.SIZE_COMPAT), 16, 64);

        assertThat(x.errno()).isZero();
        assertThat(Fixture.initOut(x).minor()).isEqualTo(38);
    }

    @Test
    void a_major_below_7_gets_EPROTO() {
        assertThat(fx.send(Fixture.init(6, 38, 0, InitIn.SIZE_COMPAT), 16, 64).errno())
                .isEqualTo(Errno.EPROTO.number());
    }

    @Test
    void a_major_above_7_gets_our_version_only_and_the_next_7_x_INIT_opens_the_session() {
        Exchange x = fx.send(Fixture.init(8, 0, LINUX_OFFER_WITHOUT_EXT, InitIn.SIZE), 16, 64);

        assertThat(x.used()).isEqualTo(80);
        InitOut out = Fixture.initOut(x);
        assertThat(out.major()).isEqualTo(7);
        assertThat(out.minor()).isEqualTo(38);
        assertThat(out.allFlags()).isZero();
        assertThat(out.maxWrite()).isZero();
        assertThat(fx.server.initialised()).isFalse();
        assertThat(fx.fs.initOffered).isEmpty();

        assertThat(fx.initLinux().errno()).isZero();
        assertThat(fx.server.initialised()).isTrue();
    }

    private static final long LINUX_OFFER_WITHOUT_EXT = ASYNC_READ | DO_READDIRPLUS;

    @Test
    void an_INIT_body_shorter_than_16_bytes_is_EINVAL() {
        Exchange x = fx.send(Req.op(FuseOpcode.INIT).bytes(new byte[12]), 16, 64);

        assertThat(x.errno()).isEqualTo(Errno.EINVAL.number());
        assertThat(fx.server.initialised()).isFalse();
    }

    @Test
    void a_request_before_INIT_gets_EIO() {
        Exchange x = fx.send(Req.op(FuseOpcode.GETATTR).node(1).bytes(new byte[16]), 16, 104);

        assertThat(x.used()).isEqualTo(16);
        assertThat(x.errno()).isEqualTo(Errno.EIO.number());
        assertThat(fx.fs.calls()).isEmpty();
    }

    @Test
    void a_FORGET_before_INIT_gets_no_reply_and_is_not_passed_on() {
        Exchange x = fx.send(Req.op(FuseOpcode.FORGET).node(5).bytes(new byte[8]));

        assertThat(x.used()).isZero();
        assertThat(fx.fs.forgets).isEmpty();
    }

    @Test
    void a_second_INIT_destroys_the_first_session_and_opens_a_new_one() {
        fx.initLinux();
        assertThat(fx.fs.destroys).hasValue(0);

        Exchange again = fx.initOvmf();

        assertThat(again.errno()).isZero();
        assertThat(fx.fs.destroys).hasValue(1);
        assertThat(fx.fs.initOffered).hasSize(2);
        assertThat(fx.server.initialised()).isTrue();
        assertThat(Fixture.initOut(again).allFlags()).as("the new session's flags").isEqualTo(DO_READDIRPLUS);
    }

    @Test
    void a_refused_second_INIT_still_ends_the_old_session() {
        fx.initLinux();

        assertThat(fx.send(Fixture.init(7, 20, 0, InitIn.SIZE_COMPAT), 16, 64).errno())
                .isEqualTo(Errno.EPROTO.number());

        assertThat(fx.fs.destroys).hasValue(1);
        assertThat(fx.server.initialised()).isFalse();
    }

    @Test
    void DESTROY_destroys_replies_OK_and_requires_a_new_INIT() {
        fx.initLinux();

        Exchange x = fx.send(Req.op(FuseOpcode.DESTROY), 16);

        assertThat(x.used()).isEqualTo(16);
        assertThat(x.errno()).isZero();
        assertThat(fx.fs.destroys).hasValue(1);
        assertThat(fx.server.initialised()).isFalse();
        assertThat(fx.send(Req.op(FuseOpcode.STATFS).node(1), 16, 80).errno()).isEqualTo(Errno.EIO.number());
        assertThat(fx.initOvmf().errno()).isZero();
        assertThat(fx.fs.destroys).as("no session was open at the new INIT").hasValue(1);
    }

    @Test
    void an_INIT_without_room_for_its_reply_gets_E2BIG_and_opens_no_session() {
        Exchange x = fx.send(Fixture.init(7, 31, DO_READDIRPLUS, InitIn.SIZE_COMPAT), 16, 40);

        assertThat(x.errno()).isEqualTo(Errno.E2BIG.number());
        assertThat(fx.server.initialised()).isFalse();
        assertThat(fx.fs.initOffered).isEmpty();
    }

    @Test
    void the_INIT_reply_may_be_scattered_over_small_descriptors() {
        Exchange x = fx.send(Fixture.init(7, 31, DO_READDIRPLUS, InitIn.SIZE_COMPAT), 16, 8, 8, 48);

        assertThat(x.used()).isEqualTo(80);
        assertThat(Fixture.initOut(x).flags() & DO_READDIRPLUS).isNotZero();
    }
}
