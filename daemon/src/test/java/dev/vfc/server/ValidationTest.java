package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.fuse.MkdirIn;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.HeapChainReader;
import dev.vfc.server.fake.HeapChainWriter;
import dev.vfc.server.fake.Req;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ValidationTest {

    private final Fixture fx = new Fixture();

    @BeforeEach
    void init() {
        fx.initLinux();
        fx.fs.addFile("a.txt", "hello".getBytes());
    }

    /** The good request that must still work after each malformed one. */
    private void nextGoodRequestStillWorks() {
        Exchange x = fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("a.txt"), 16, 40, 88);
        assertThat(x.errno()).isZero();
        assertThat(x.used()).isEqualTo(144);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("a body shorter than fuse_getattr_in",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.GETATTR).node(1).bytes(new byte[8]), Errno.EINVAL),
                Arguments.of("a READ body shorter than fuse_read_in",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.READ).node(2).bytes(new byte[39]), Errno.EINVAL),
                Arguments.of("a WRITE without fuse_write_in",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.WRITE).node(2).bytes(new byte[20]), Errno.EINVAL),
                Arguments.of("in_header.len larger than the chain",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.GETATTR).node(1).bytes(new byte[16]).len(100),
                        Errno.EINVAL),
                Arguments.of("in_header.len smaller than the chain",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.GETATTR).node(1).bytes(new byte[16]).len(40),
                        Errno.EINVAL),
                Arguments.of("in_header.len of 4 GiB - 1",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.GETATTR).node(1).bytes(new byte[16]).len(-1),
                        Errno.EINVAL),
                Arguments.of("an unknown opcode 9999",
                        (Supplier<Req>) () -> Req.raw(9999).node(1).bytes(new byte[16]), Errno.ENOSYS),
                Arguments.of("a negative opcode",
                        (Supplier<Req>) () -> Req.raw(-1).node(1), Errno.ENOSYS),
                Arguments.of("opcode 7, unused by the protocol",
                        (Supplier<Req>) () -> Req.raw(7).node(1), Errno.ENOSYS),
                Arguments.of("a LOOKUP name without NUL",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.LOOKUP).node(1).bytes("a.txt".getBytes()),
                        Errno.EINVAL),
                Arguments.of("a LOOKUP without a body",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.LOOKUP).node(1), Errno.EINVAL),
                Arguments.of("a MKDIR name without NUL",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.MKDIR).node(1).body(new MkdirIn(0755, 0))
                                .bytes("d".getBytes()), Errno.EINVAL),
                Arguments.of("a RENAME2 whose second name has no NUL",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.RENAME2).node(1).bytes(new byte[16]).name("a.txt")
                                .bytes("b".getBytes()), Errno.EINVAL),
                Arguments.of("a SYMLINK without its target",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.SYMLINK).node(1).name("l"), Errno.EINVAL),
                Arguments.of("request extensions longer than the body",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.GETATTR).node(1).bytes(new byte[16]).extlen(3),
                        Errno.EINVAL),
                Arguments.of("extensions that leave too little body for the struct",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.GETATTR).node(1).bytes(new byte[16]).extlen(1),
                        Errno.EINVAL),
                Arguments.of("a non-WRITE body over 1 MiB",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.SETXATTR).node(1)
                                .bytes(new byte[FuseServer.MAX_BODY + 1]), Errno.E2BIG),
                Arguments.of("in_header.len shorter than fuse_in_header itself",
                        (Supplier<Req>) () -> Req.op(FuseOpcode.READDIRPLUS).node(1).bytes(new byte[40]).len(1),
                        Errno.EINVAL));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void a_malformed_request_gets_its_errno_and_the_next_good_request_still_works(String what, Supplier<Req> req,
            Errno expected) {
        Exchange x = fx.send(req.get(), 16, 4096);

        assertThat(x.used()).isEqualTo(16);
        assertThat(x.errno()).isEqualTo(expected.number());
        nextGoodRequestStillWorks();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"GETLK", "SETLK", "SETLKW", "BMAP", "IOCTL", "POLL", "SETUPMAPPING", "REMOVEMAPPING",
        "TMPFILE", "NOTIFY_REPLY", "CUSE_INIT"})
    void opcodes_we_do_not_serve_get_ENOSYS(FuseOpcode op) {
        Exchange x = fx.send(Req.op(op).node(1).bytes(new byte[64]), 16, 4096);

        assertThat(x.errno()).isEqualTo(Errno.ENOSYS.number());
        nextGoodRequestStillWorks();
    }

    @Test
    void a_header_of_20_bytes_gets_EINVAL_with_the_unique_it_carries() {
        byte[] header = Req.op(FuseOpcode.GETATTR).unique(4242).node(1).headerBytes();
        HeapChainWriter w = HeapChainWriter.of(16, 104);

        int used = fx.server.handle(new HeapChainReader(List.of(Arrays.copyOf(header, 20))), w);

        assertThat(used).isEqualTo(16);
        ByteBuffer out = ByteBuffer.wrap(w.bytes(16)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.getInt(0)).isEqualTo(16);
        assertThat(out.getInt(4)).isEqualTo(-Errno.EINVAL.number());
        assertThat(out.getLong(8)).isEqualTo(4242);
        nextGoodRequestStillWorks();
    }

    @Test
    void a_header_of_6_bytes_gets_EINVAL_with_unique_0() {
        HeapChainWriter w = HeapChainWriter.of(16);

        int used = fx.server.handle(new HeapChainReader(List.of(new byte[6])), w);

        assertThat(used).isEqualTo(16);
        ByteBuffer out = ByteBuffer.wrap(w.bytes(16)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out.getInt(4)).isEqualTo(-Errno.EINVAL.number());
        assertThat(out.getLong(8)).isZero();
        nextGoodRequestStillWorks();
    }

    @Test
    void an_empty_chain_gets_nothing_when_nothing_is_writable() {
        HeapChainWriter w = HeapChainWriter.of();

        assertThat(fx.server.handle(new HeapChainReader(List.of()), w)).isZero();
        nextGoodRequestStillWorks();
    }

    @Test
    void a_truncated_FORGET_header_gets_no_reply() {
        byte[] header = Req.op(FuseOpcode.FORGET).node(2).headerBytes();
        HeapChainWriter w = HeapChainWriter.of(16);

        assertThat(fx.server.handle(new HeapChainReader(List.of(Arrays.copyOf(header, 24))), w)).isZero();
        assertThat(w.highWater()).isZero();
    }

    @Test
    void an_error_with_fewer_than_16_writable_bytes_writes_nothing() {
        Exchange x = fx.send(Req.raw(9999).node(1), 8);

        assertThat(x.used()).isZero();
        nextGoodRequestStillWorks();
    }

    @Test
    void a_fixed_reply_that_does_not_fit_is_E2BIG_before_the_filesystem_runs() {
        Exchange x = fx.send(Req.op(FuseOpcode.MKDIR).node(1).body(new MkdirIn(0755, 0)).name("d"), 16, 40);

        assertThat(x.errno()).isEqualTo(Errno.E2BIG.number());
        assertThat(fx.fs.exists("d")).as("nothing created whose reply cannot be delivered").isFalse();
        nextGoodRequestStillWorks();
    }

    @Test
    void longer_bodies_than_the_struct_are_accepted_and_the_surplus_ignored() {
        byte[] body = Arrays.copyOf(new GetattrIn(0, 0).toBytes(), 24);

        Exchange x = fx.send(Req.op(FuseOpcode.GETATTR).node(1).bytes(body), 16, 104);

        assertThat(x.errno()).isZero();
        assertThat(x.used()).isEqualTo(120);
    }

    @Test
    void request_extensions_inside_the_body_are_skipped() {
        Exchange x = fx.send(Req.op(FuseOpcode.GETATTR).node(1).bytes(new byte[16 + 8]).extlen(1), 16, 104);

        assertThat(x.errno()).isZero();
    }
}
