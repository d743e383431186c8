package dev.vfc.suite;

import dev.vfc.driver.ChainLayout;
import dev.vfc.fuse.Errno;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.Verdict;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * READs of a whole file in one request, at the sizes around the Rust virtiofsd's old 1 MiB
 * limit and the two grubx64.efi sizes, laid out as OVMF lays them (one writable buffer), as
 * Linux does (page-sized buffers in an indirect table), and as one buffer in an indirect
 * table; plus the end-of-file cases.
 */
public final class LargeReads {

    static final String FILE = "file.bin";
    static final long MIB = 1 << 20;
    /** 4 KiB, 128 KiB, just under, at and over 1 MiB, grubx64.efi of the bug report, Debian's grubx64.efi, 8 and 32 MiB. */
    public static final List<Long> SIZES = List.of(4096L, 128 * 1024L, MIB - 1, MIB, MIB + 1, 2_525_712L, 4_182_016L,
            8 * MIB, 32 * MIB);
    static final String RULE = "FUSE_READ returns size bytes unless the file ends first (include/uapi/linux/fuse.h 7.38, "
            + "fs/fuse/file.c); no size limit is negotiated for READ: OVMF's VirtioFsDxe reads a whole file in one "
            + "request (OvmfPkg/VirtioFsDxe/SimpleFsRead.c), virtio 1.3 §5.11.6";

    private LargeReads() {
    }

    /** How the READ is laid out: the driver the frontend plays, and a change to its layout. */
    enum Shape {
        OVMF("ovmf", UnaryOperator.identity()),
        LINUX("linux", UnaryOperator.identity()),
        INDIRECT("linux", Layouts.ONE_BUFFER_INDIRECT);

        final String driver;
        final UnaryOperator<ChainLayout> change;

        Shape(String driver, UnaryOperator<ChainLayout> change) {
            this.driver = driver;
            this.change = change;
        }

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (long size : SIZES) {
            for (Shape shape : Shape.values()) {
                all.add(Scenario.builder("read/large/" + size + "/" + shape.id())
                        .title("READ " + size + " bytes of a " + size + "-byte file in one request, " + describe(shape))
                        .rule(RULE)
                        .driver(shape.driver)
                        .fixture(Fixtures.file(FILE, size))
                        .check(c -> readExactly(c, size, 0, size, shape.change)));
            }
        }
        for (Shape shape : Shape.values()) {
            all.add(Scenario.builder("read/eof/short-file/" + shape.id())
                    .title("READ 1 MiB of a 1000-byte file returns its 1000 bytes, " + describe(shape))
                    .rule("a READ that reaches the end of the file returns the bytes up to it (fs/fuse/file.c "
                            + "fuse_short_read)")
                    .driver(shape.driver).fixture(Fixtures.file(FILE, 1000))
                    .check(c -> readExactly(c, 1000, 0, MIB, shape.change)));
        }
        all.add(Scenario.builder("read/eof/at-end")
                .title("READ at the file's end returns 0 bytes")
                .rule("a READ at end of file returns no data and no error (fs/fuse/file.c; read(2))")
                .fixture(Fixtures.file(FILE, 4096))
                .check(c -> readExactly(c, 4096, 4096, 4096, UnaryOperator.identity())));
        all.add(Scenario.builder("read/eof/past-end")
                .title("READ 1 MiB past the file's end returns 0 bytes")
                .rule("a READ beyond end of file returns no data and no error (read(2): 0 at or past end of file)")
                .fixture(Fixtures.file(FILE, 4096))
                .check(c -> readExactly(c, 4096, 4096 + MIB, 4096, UnaryOperator.identity())));
        return all;
    }

    private static String describe(Shape shape) {
        return switch (shape) {
            case OVMF -> "as OVMF lays it out (one writable descriptor)";
            case LINUX -> "as Linux lays it out (page-sized descriptors, indirect)";
            case INDIRECT -> "as one writable buffer inside an indirect table";
        };
    }

    /**
     * Opens the fixture file of {@code fileSize} bytes, READs {@code size} bytes at {@code offset}
     * and expects exactly the file's bytes from there on.
     */
    static Verdict readExactly(ScenarioContext c, long fileSize, long offset, long size, UnaryOperator<ChainLayout> shape) {
        FuseSession fuse = c.fuse();
        Steps.Handle h = Steps.open(fuse, FILE, 0);
        FuseReply<ByteBuffer> r = fuse.reshapeNext(shape).read(h.node(), h.fh(), offset, (int) size);
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        long expected = Math.max(0, Math.min(size, fileSize - offset));
        if (!r.isOk()) {
            return Verdict.fail(expected + " bytes", Errno.describe(r.error()));
        }
        ByteBuffer data = r.value();
        if (data.remaining() > size) {
            return Verdict.fail("at most " + size + " bytes (the size field)", data.remaining() + " bytes");
        }
        byte[] want = expected == 0 ? new byte[0]
                : Arrays.copyOfRange(Fixtures.content(fileSize), (int) offset, (int) (offset + expected));
        byte[] got = new byte[data.remaining()];
        data.get(got);
        if (got.length < expected) {
            boolean prefixRight = Arrays.equals(got, Arrays.copyOf(want, got.length));
            return prefixRight
                    ? Verdict.nonStrict("short read: " + got.length + " of " + expected + " bytes (OVMF asks again; "
                            + "Linux takes it as end of file)")
                    : Verdict.fail(expected + " bytes of the file", got.length + " bytes that differ from it");
        }
        if (!Arrays.equals(got, want)) {
            return Verdict.fail("the file's bytes", got.length + " bytes that differ from them");
        }
        return Verdict.pass(got.length + " bytes, equal to the file's");
    }
}
