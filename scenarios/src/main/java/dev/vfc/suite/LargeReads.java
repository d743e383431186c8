package dev.vfc.suite;

import dev.vfc.driver.ChainLayout;
import dev.vfc.fuse.Errno;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * READs of a whole file at the sizes around the Rust virtiofsd's old 1 MiB limit and the two
 * grubx64.efi sizes, each as a named driver sends it: OVMF in one request with one writable
 * buffer of exactly the size (edk2-stable202211 FuseRead.c, SimpleFsRead.c), Linux 6.1 in as
 * many requests of at most {@code max_pages} pages as it takes (fs/fuse/virtio_fs.c
 * virtio_fs_get_tree: 124 pages on a 128-entry queue); and, under a neutral name, as one
 * buffer in an indirect table, a legal layout no named driver builds. The chain Linux never
 * builds, one READ of 8 or 32 MiB in 2,051 or 8,195 descriptors on a 128-entry queue, is on the
 * hardening axis ({@code robustness/chain/longer-than-queue/...}): it breaks the rule that binds
 * the driver, virtio 1.3 §2.7.5.3.1.
 */
public final class LargeReads {

    static final String FILE = "file.bin";
    static final long MIB = 1 << 20;
    /** 4 KiB, 128 KiB, just under, at and over 1 MiB, grubx64.efi of the bug report, Debian's grubx64.efi, 8 and 32 MiB. */
    public static final List<Long> SIZES = List.of(4096L, 128 * 1024L, MIB - 1, MIB, MIB + 1, 2_525_712L, 4_182_016L,
            8 * MIB, 32 * MIB);
    /** Sizes whose one-chain Linux-style layout is longer than QEMU 7.2's 128-entry queue. */
    public static final List<Long> LONGER_THAN_QUEUE = List.of(8 * MIB, 32 * MIB);
    static final String RULE = "FUSE_READ returns size bytes unless the file ends first (include/uapi/linux/fuse.h 7.38; "
            + "fs/fuse/file.c in Linux 6.1 takes a short reply as end of file, fuse_short_read); no READ size limit is "
            + "negotiated in FUSE_INIT (fuse_init_out has none), and OVMF edk2-stable202211 reads a whole file in one "
            + "request (OvmfPkg/VirtioFsDxe/SimpleFsRead.c)";
    static final String SHAPE_RULE = RULE + "; the device must not depend on how the driver splits buffers into "
            + "descriptors (virtio 1.3 §2.7.4.1: \"The device MUST NOT make assumptions about the particular arrangement "
            + "of descriptors\")";
    static final String LONG_CHAIN_RULE = "the driver broke virtio 1.3 §2.7.5.3.1 (\"A driver MUST NOT create a "
            + "descriptor chain longer than allowed by the device\"; §2.7.5: the queue size \"is the maximum possible "
            + "descriptor chain length\"); a device \"MAY have a reasonable limit of descriptors it will allow in a "
            + "chain\" (§2.7.4.1) and may stop on it (§2.1.2). Hardening: serving it or refusing it is CONTAINED; returning more "
            + "than size bytes or claiming more than the writable buffers is a BREACH";

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
                        .title("READ all " + size + " bytes of a " + size + "-byte file " + describe(shape))
                        .rule(shape == Shape.INDIRECT ? SHAPE_RULE : RULE)
                        .driver(shape.driver)
                        .fixture(Fixtures.file(FILE, size))
                        .check(c -> readWhole(c, size, 0, size, shape)));
            }
        }
        for (long size : LONGER_THAN_QUEUE) {
            all.add(Scenario.builder("robustness/chain/longer-than-queue/" + size)
                    .title("READ " + size + " bytes in ONE chain of page-sized buffers in an indirect table ("
                            + (3 + size / 4096) + " descriptors on a 128-entry queue): a chain no driver may build; "
                            + "Linux 6.1 splits this read into requests of at most 124 pages")
                    .rule(LONG_CHAIN_RULE)
                    .hardening()
                    .driver("linux")
                    .fixture(Fixtures.file(FILE, size))
                    .check(Containment.guarded(c -> {
                        Steps.Handle h = Steps.open(c.fuse(), FILE, 0);
                        FuseReply<ByteBuffer> r = c.fuse().read(h.node(), h.fh(), 0, (int) size);
                        return Serving.hardening(c, Containment.ofRead(r, size, 0, size));
                    })));
        }
        for (Shape shape : Shape.values()) {
            all.add(Scenario.builder("read/eof/short-file/" + shape.id())
                    .title("READ 1 MiB of a 1000-byte file returns its 1000 bytes, " + describe(shape))
                    .rule("a READ that reaches the end of the file returns the bytes up to it (fs/fuse/file.c "
                            + "fuse_short_read, Linux 6.1)" + (shape == Shape.INDIRECT ? "; virtio 1.3 §2.7.4.1" : ""))
                    .driver(shape.driver).fixture(Fixtures.file(FILE, 1000))
                    .check(c -> readWhole(c, 1000, 0, MIB, shape)));
        }
        all.add(Scenario.builder("read/eof/at-end")
                .title("READ at the file's end returns 0 bytes")
                .rule("a READ at end of file returns no data and no error (Linux 6.1 fs/fuse/file.c fuse_short_read; read(2))")
                .fixture(Fixtures.file(FILE, 4096))
                .check(c -> readExactly(c, 4096, 4096, 4096, UnaryOperator.identity())));
        all.add(Scenario.builder("read/eof/past-end")
                .title("READ 1 MiB past the file's end returns 0 bytes")
                .rule("a READ beyond end of file returns no data and no error (Linux 6.1 fs/fuse/file.c fuse_short_read; read(2): "
                        + "0 at or past end of file)")
                .fixture(Fixtures.file(FILE, 4096))
                .check(c -> readExactly(c, 4096, 4096 + MIB, 4096, UnaryOperator.identity())));
        return all;
    }

    /**
     * {@code size} bytes at {@code offset} as the shape's driver reads them: Linux in requests of
     * at most its cap ({@link FuseSession#readAsDriver}), judged as one read; the others in one
     * READ.
     */
    static Verdict readWhole(ScenarioContext c, long fileSize, long offset, long size, Shape shape) {
        if (shape != Shape.LINUX) {
            return readExactly(c, fileSize, offset, size, shape.change);
        }
        FuseSession fuse = c.fuse();
        Steps.Handle h = Steps.open(fuse, FILE, 0);
        List<FuseReply<ByteBuffer>> replies = fuse.readAsDriver(h.node(), h.fh(), offset, size);
        for (FuseReply<ByteBuffer> r : replies) {
            Verdict broken = Expect.transport(r.exchange());
            if (broken != null) {
                return broken;
            }
            if (!r.isOk()) {
                return Verdict.fail("the file's bytes", Errno.describe(r.error()) + " for " + r.exchange().requestBody());
            }
        }
        long expected = Math.max(0, Math.min(size, fileSize - offset));
        byte[] got = FuseSession.data(replies);
        byte[] want = Arrays.copyOfRange(Fixtures.content(fileSize), (int) offset, (int) (offset + expected));
        String requests = replies.size() + " READ" + (replies.size() == 1 ? "" : "s") + " of at most "
                + fuse.maxReadSize() + " bytes";
        if (got.length > expected) {
            return Verdict.fail(expected + " bytes", got.length + " bytes in " + requests);
        }
        if (got.length < expected) {
            return Arrays.equals(got, Arrays.copyOf(want, got.length))
                    ? Verdict.fail(expected + " bytes (Linux takes a short READ as end of file)", "a short read: "
                            + got.length + " bytes in " + requests)
                    : Verdict.fail(expected + " bytes of the file", got.length + " bytes that differ from it");
        }
        if (!Arrays.equals(got, want)) {
            return Verdict.fail("the file's bytes", got.length + " bytes that differ from them");
        }
        return Verdict.pass(got.length + " bytes, equal to the file's, in " + requests);
    }

    private static String describe(Shape shape) {
        return switch (shape) {
            case OVMF -> "in one request, as OVMF edk2-stable202211 lays it out (one writable buffer of exactly size)";
            case LINUX -> "as Linux 6.1 reads it: requests of at most max_pages pages (124 on a 128-entry queue), "
                    + "page-sized buffers in an indirect table";
            case INDIRECT -> "in one request as one writable buffer inside an indirect table: a legal layout no "
                    + "named driver builds (OVMF never negotiates indirect descriptors; Linux 6.1 puts READ data in "
                    + "page-sized buffers)";
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
