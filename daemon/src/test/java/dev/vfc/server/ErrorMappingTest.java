package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.chain.ChainException;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseDecodeException;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.ReadIn;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.MemoryFileSystem;
import dev.vfc.server.fake.Req;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ErrorMappingTest {

    /** A filesystem whose LOOKUP throws what the test says. */
    private static Fixture throwing(Supplier<Throwable> what) {
        Fixture fx = Fixture.over(new MemoryFileSystem() {
            @Override
            public EntryOut lookup(Context ctx, long parent, byte[] name) throws FsException {
                Throwable t = what.get();
                if (t instanceof FsException e) {
                    throw e;
                }
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                throw (Error) t;
            }
        });
        fx.initOvmf();
        return fx;
    }

    static Stream<Arguments> throwables() {
        return Stream.of(
                Arguments.of("FsException(EACCES)", (Supplier<Throwable>) () -> new FsException(Errno.EACCES, "no"),
                        Errno.EACCES),
                Arguments.of("FsException(errno 0)", (Supplier<Throwable>) () -> new FsException(0, "zero"),
                        Errno.EIO),
                Arguments.of("FsException(errno 600)", (Supplier<Throwable>) () -> new FsException(600, "big"),
                        Errno.EIO),
                Arguments.of("FsException(negative errno)", (Supplier<Throwable>) () -> new FsException(-2, "neg"),
                        Errno.EIO),
                Arguments.of("ChainException", (Supplier<Throwable>) () -> new ChainException("short"), Errno.EINVAL),
                Arguments.of("FuseDecodeException",
                        (Supplier<Throwable>) () -> new FuseDecodeException("bad"), Errno.EINVAL),
                Arguments.of("NullPointerException", (Supplier<Throwable>) NullPointerException::new, Errno.EIO),
                Arguments.of("IllegalStateException", (Supplier<Throwable>) IllegalStateException::new, Errno.EIO),
                Arguments.of("StackOverflowError", (Supplier<Throwable>) StackOverflowError::new, Errno.EIO),
                Arguments.of("AssertionError", (Supplier<Throwable>) AssertionError::new, Errno.EIO));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("throwables")
    void every_exception_becomes_an_errno_reply_and_the_server_keeps_serving(String what, Supplier<Throwable> t,
            Errno expected) {
        Fixture fx = throwing(t);

        Exchange x = fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("x"), 16, 128);

        assertThat(x.used()).isEqualTo(16);
        assertThat(x.errno()).isEqualTo(expected.number());
        assertThat(fx.send(Req.op(FuseOpcode.STATFS).node(1), 16, 80).errno()).isZero();
    }

    @Test
    void a_failing_filesystem_FORGET_gets_no_reply_and_does_not_escape() {
        Fixture fx = Fixture.over(new MemoryFileSystem() {
            @Override
            public void forget(long node, long nlookup) {
                throw new IllegalStateException("boom");
            }
        });
        fx.initOvmf();

        assertThat(fx.send(Req.op(FuseOpcode.FORGET).node(2).bytes(new byte[8])).used()).isZero();
    }

    @Test
    void a_failing_filesystem_init_is_EIO_and_opens_no_session() {
        Fixture fx = Fixture.over(new MemoryFileSystem() {
            @Override
            public long init(long offered) {
                throw new IllegalStateException("boom");
            }
        });

        assertThat(fx.initOvmf().errno()).isEqualTo(Errno.EIO.number());
        assertThat(fx.server.initialised()).isFalse();
    }

    @Test
    void a_failing_reply_writer_does_not_escape() {
        Fixture fx = new Fixture();
        fx.initOvmf();
        ChainWriter broken = new ChainWriter() {
            @Override
            public long remaining() {
                return 4096;
            }

            @Override
            public long written() {
                return 0;
            }

            @Override
            public void write(ByteBuffer src) {
                throw new IllegalStateException("guest memory vanished");
            }

            @Override
            public long readFrom(int fd, long offset, long count) {
                throw new IllegalStateException("guest memory vanished");
            }

            @Override
            public ChainWriter split(long at) {
                return this;
            }
        };

        assertThat(fx.server.handle(Req.op(FuseOpcode.STATFS).node(1).chain(), broken)).isZero();
    }

    @Test
    void concurrent_workers_each_get_their_own_correct_reply() throws Exception {
        Fixture fx = new Fixture();
        fx.initLinux();
        List<Long> nodes = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] c = new byte[1000 + i];
            Arrays.fill(c, (byte) i);
            contents.add(c);
            nodes.add(fx.fs.addFile("f" + i, c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int i = t;
                results.add(pool.submit((Callable<Void>) () -> {
                    for (int round = 0; round < 300; round++) {
                        Exchange read = fx.send(Req.op(FuseOpcode.READ).node(nodes.get(i))
                                .body(new ReadIn(1, 0, 4096, 0, 0, 0)), 16, 4096);
                        assertThat(read.body().array()).isEqualTo(contents.get(i));
                        Exchange lookup = fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("f" + i), 16, 128);
                        assertThat(EntryOut.decode(lookup.body()).nodeid()).isEqualTo(nodes.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
