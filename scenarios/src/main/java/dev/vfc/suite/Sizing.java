package dev.vfc.suite;

import static dev.vfc.syscall.PosixFiles.O_RDWR;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.ReplyArg;
import dev.vfc.driver.Segment;
import dev.vfc.fuse.Dirent;
import dev.vfc.fuse.DirentStream;
import dev.vfc.fuse.Direntplus;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseDecodeException;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.ReadIn;
import dev.vfc.fuse.WriteIn;
import dev.vfc.fuse.WriteOut;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.Verdict;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Requests whose buffers do not match their size fields: READs into more or less writable space
 * than 16 + size (and into less than the 16-byte out-header), WRITEs whose payload disagrees with
 * {@code size} or exceeds the negotiated {@code max_write}, and READDIR/READDIRPLUS into buffers
 * too small for one record or large enough for a thousand.
 *
 * <p>Each scenario declares its axis. Shapes a conforming driver may send (more or less room
 * than size: no text binds the driver to offer exactly 16 + size bytes, and virtio 1.3 §2.7.4.1
 * forbids the device to assume an arrangement) are conformance scenarios under neutral names
 * ({@code one-buffer}, {@code in-pages}, ...), their titles saying which driver builds them and
 * which does not; ids name a driver only where that driver's release sends exactly that request.
 * Requests that break a rule binding the driver (a chain with no room for the out-header, a
 * WRITE whose payload disagrees with its size, a WRITE above the negotiated max_write) are
 * hardening scenarios, graded by {@link Containment} and {@link Serving}.
 */
public final class Sizing {

    static final String FILE = LargeReads.FILE;
    static final String DIR = "dir";
    static final int PAGE = 4096;
    static final int MIB = 1 << 20;
    /** OVMF's READDIRPLUS buffer: align8(152 + 255) x 256 (OvmfPkg/VirtioFsDxe/SimpleFsRead.c RefillFileInfoCache). */
    static final int OVMF_READDIR_BUFFER = 0x19800;

    static final String ARRANGEMENT = "virtio 1.3 §2.7.4.1: \"The device MUST NOT make assumptions about the "
            + "particular arrangement of descriptors\"";
    static final String READ_RULE = "FUSE_READ returns at most size bytes whatever room the chain has (FUSE as Linux "
            + "6.1 implements it: fs/fuse/file.c fuse_read_args_fill gives the reply size bytes, fs/fuse/dev.c "
            + "copy_out_args refuses a reply longer than the request's out arguments with EINVAL); " + ARRANGEMENT
            + ", so a READ into more room than size is served like any other; virtio 1.3 §2.7.8: used.len counts "
            + "the bytes written";
    static final String NO_ROOM_RULE = "the device can write only into the device-writable buffers (virtio 1.3 "
            + "§2.7.5; §2.7.8: used.len counts the bytes written into them) and " + ARRANGEMENT + ". A clear errno "
            + "(E2BIG, or another 'does not fit' errno) is PASS; a short read of the right bytes is NON-STRICT: "
            + "OVMF asks again for the rest (SimpleFsRead.c), but Linux 6.1 takes a short READ as end of file "
            + "(fs/fuse/file.c fuse_short_read); a 0-byte reply claims the file ends at the offset and is FAIL; "
            + "used.len 0 with no out-header is NON-STRICT: the virtio-fs request format puts a fuse_out_header in "
            + "the device-writable part (virtio 1.3 §5.11.6.1, descriptive, no normative clause) and Linux 6.1 "
            + "ends every request with the header it finds (fs/fuse/virtio_fs.c virtio_fs_requests_done_work, whose "
            + "\"TODO verify that server properly follows FUSE protocol\" checks nothing), but no text binds the "
            + "device to write one";
    static final String UNDER_16_RULE = "the driver gave fewer than 16 writable bytes, no room for the "
            + "fuse_out_header that the virtio-fs request format puts first in the device-writable part (virtio 1.3 "
            + "§5.11.6.1; Linux 6.1 virtio_fs_enqueue_req always adds it); no answer fits, and the device must not "
            + "write past the writable buffers (virtio 1.3 §2.7.5, §2.7.8). Hardening: returning the chain with used.len 0 "
            + "and serving on is CONTAINED; used.len above the writable bytes is a BREACH";
    static final String WRITE_MISMATCH_RULE = "the driver broke the FUSE_WRITE format: fuse_write_in.size is the "
            + "number of data bytes that follow (include/uapi/linux/fuse.h 7.38; Linux 6.1 fs/fuse/file.c "
            + "fuse_write_args_fill sends exactly size bytes, OVMF FuseWrite.c likewise). Hardening: refusing it "
            + "with the file untouched is CONTAINED; writing anything (the daemon accepted a malformed WRITE) NON-STRICT";
    static final String ABOVE_MAX_WRITE_RULE = "the driver broke the limit it negotiated: fuse_init_out.max_write "
            + "caps every WRITE the driver sends (Linux 6.1 fs/fuse/file.c fuse_fill_write_pages and fuse_direct_io "
            + "stop at max_write; OVMF SimpleFsWrite.c chunks at max_write). Hardening: serving it in full, a short write of "
            + "the right bytes, or a clean errno with the file untouched is CONTAINED; an errno with the file "
            + "changed NON-STRICT; write_out.size above size a BREACH";
    static final String WRITE_RULE = "a WRITE within the negotiated max_write is served: write_out.size is the "
            + "number of bytes written (include/uapi/linux/fuse.h 7.38; Linux 6.1 fs/fuse/file.c fuse_send_write "
            + "takes a larger one as EIO) and the host file holds them";
    static final String READDIR_RULE = "READDIR/READDIRPLUS replies hold whole records, each padded to 8 bytes "
            + "(FUSE_DIRENT_ALIGN, include/uapi/linux/fuse.h 7.38), at most size bytes in all; Linux 6.1 "
            + "(fs/fuse/readdir.c fuse_parse_dirfile) and OVMF (SimpleFsRead.c) continue at the last record's off "
            + "until an empty reply, which means end of directory; every entry must appear exactly once";
    static final String READDIR_SMALL_RULE = "no record fits, so no listing can be returned; an empty reply reads as "
            + "end of directory (Linux 6.1 fs/fuse/readdir.c) and hides the directory's entries, used.len 0 with no "
            + "out-header leaves the driver without an answer; no text requires an errno here, so both are "
            + "NON-STRICT. ";

    /** The errnos that say "the reply does not fit" clearly enough for a READ into too little room. */
    static final List<Errno> NO_ROOM_ERRNOS = List.of(Errno.E2BIG, Errno.EINVAL, Errno.ENOMEM, Errno.EIO,
            Errno.EOVERFLOW, Errno.ERANGE);

    private Sizing() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        addReads(all);
        addWrites(all);
        addReaddirs(all);
        return all;
    }

    // ------------------------------------------------------------------------------------------ READ

    private static void addReads(List<Scenario> all) {
        all.add(Scenario.builder("sizing/read/larger-buffer/4096-in-8192/one-buffer")
                .title("READ 4096 bytes of an 8192-byte file into one 8192-byte data buffer (16 + 8192 writable): "
                        + "legal, but no named driver sends it (OVMF's READ buffer is exactly size, FuseRead.c; "
                        + "Linux 6.1 gives exactly size bytes of pages)")
                .rule(READ_RULE)
                .driver("ovmf").fixture(Fixtures.file(FILE, 8192))
                .check(c -> LargeReads.readExactly(c, 8192, 0, 4096, Layouts.growLastWritable(PAGE))));
        all.add(Scenario.builder("sizing/read/larger-buffer/4096-in-8192/spare-page")
                .title("READ 4096 bytes of an 8192-byte file with a spare second page after the first, indirect: "
                        + "legal, but Linux 6.1 never adds a spare page and OVMF never uses indirect tables")
                .rule(READ_RULE)
                .fixture(Fixtures.file(FILE, 8192))
                .check(c -> LargeReads.readExactly(c, 8192, 0, 4096, appendWritable(PAGE))));
        all.add(Scenario.builder("sizing/read/larger-buffer/506408-in-124-pages")
                .title("READ 506,408 bytes of a 4 MiB file into 16 + 124 x 4 KiB writable pages (1,496 bytes more "
                        + "than size; 127 descriptors, indirect): legal, but Linux 6.1 gives exactly size bytes")
                .rule(READ_RULE)
                .fixture(Fixtures.file(FILE, 4 * MIB))
                .check(c -> LargeReads.readExactly(c, 4 * MIB, 0, 506_408, writables(prepend(16, repeat(PAGE, 124))))));
        all.add(Scenario.builder("sizing/read/larger-buffer/2525712-plus-4096/one-buffer")
                .title("READ 2,525,712 bytes of a 4 MiB file into one data buffer 4 KiB larger than size: legal, "
                        + "but OVMF's buffer is exactly size (FuseRead.c)")
                .rule(READ_RULE)
                .driver("ovmf").fixture(Fixtures.file(FILE, 4 * MIB))
                .check(c -> LargeReads.readExactly(c, 4 * MIB, 0, 2_525_712, Layouts.growLastWritable(PAGE))));

        all.add(Scenario.builder("sizing/read/smaller-buffer/2097152-in-1048576/one-buffer")
                .title("READ 2 MiB of a 2 MiB file into one 1 MiB data buffer (16 + 1 MiB writable): legal, but no "
                        + "named driver sends it (OVMF's buffer is exactly size)")
                .rule(NO_ROOM_RULE)
                .driver("ovmf").fixture(Fixtures.file(FILE, 2 * MIB))
                .check(c -> readIntoTooLittle(c, 2 * MIB, 2 * MIB, Layouts.growLastWritable(-MIB))));
        all.add(Scenario.builder("sizing/read/smaller-buffer/2097152-in-124-pages")
                .title("READ 2 MiB of a 2 MiB file into 16 + 124 writable pages (507,904 bytes; 127 descriptors, "
                        + "indirect): legal, but Linux 6.1 gives exactly size bytes of pages")
                .rule(NO_ROOM_RULE)
                .fixture(Fixtures.file(FILE, 2 * MIB))
                .check(c -> readIntoTooLittle(c, 2 * MIB, 2 * MIB, writables(prepend(16, repeat(PAGE, 124))))));
        all.add(Scenario.builder("sizing/read/smaller-buffer/header-only")
                .title("READ 4096 bytes of a 4096-byte file into exactly 16 writable bytes (room for the header "
                        + "only): legal, no named driver sends it")
                .rule(NO_ROOM_RULE)
                .fixture(Fixtures.file(FILE, 4096))
                .check(c -> readIntoTooLittle(c, 4096, 4096, writables(16))));

        all.add(Scenario.builder("sizing/read/under-16/8-bytes")
                .title("READ 4096 bytes into 8 writable bytes, no room for the out-header")
                .rule(UNDER_16_RULE)
                .hardening().fixture(Fixtures.file(FILE, 4096))
                .check(c -> readUnder16(c, false, writables(8))));
        all.add(Scenario.builder("sizing/read/under-16/no-writable")
                .title("READ 4096 bytes with no writable descriptor at all")
                .rule(UNDER_16_RULE)
                .hardening().fixture(Fixtures.file(FILE, 4096))
                .check(c -> readUnder16(c, false, writables())));
        all.add(Scenario.builder("sizing/readdirplus/under-16/8-bytes")
                .title("READDIRPLUS of 4096 bytes into 8 writable bytes, no room for the out-header")
                .rule(UNDER_16_RULE)
                .hardening().fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> readUnder16(c, true, writables(8))));
    }

    /** Several equal lengths. */
    static int[] repeat(int length, int count) {
        int[] out = new int[count];
        Arrays.fill(out, length);
        return out;
    }

    /** {@code first} followed by {@code rest}. */
    static int[] prepend(int first, int... rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** The writable part of the layout replaced by buffers of these lengths, in order; readable part kept. */
    static UnaryOperator<ChainLayout> writables(int... lengths) {
        return layout -> {
            List<Segment> out = new ArrayList<>(layout.segments().stream().filter(s -> !s.writable()).toList());
            for (int length : lengths) {
                out.add(Segment.writable(length));
            }
            return new ChainLayout(out, layout.indirect());
        };
    }

    /** One more writable buffer of {@code length} bytes at the end of the chain. */
    static UnaryOperator<ChainLayout> appendWritable(int length) {
        return layout -> {
            List<Segment> out = new ArrayList<>(layout.segments());
            out.add(Segment.writable(length));
            return new ChainLayout(out, layout.indirect());
        };
    }

    /**
     * READs {@code size} bytes at offset 0 of the fixture file into less room than 16 + size, and
     * judges by {@link #NO_ROOM_RULE}.
     */
    static Verdict readIntoTooLittle(ScenarioContext c, int fileSize, int size, UnaryOperator<ChainLayout> shape) {
        FuseSession fuse = c.fuse();
        Steps.Handle h = Steps.open(fuse, FILE, 0);
        FuseReply<ByteBuffer> r = fuse.reshapeNext(shape).read(h.node(), h.fh(), 0, size);
        requireReplyHeader(r.exchange());
        if (!r.isOk()) {
            int error = r.error();
            boolean clear = error != 0 && NO_ROOM_ERRNOS.stream().anyMatch(e -> error == -e.number());
            return clear ? Verdict.pass("a clear errno: " + Errno.describe(error))
                    : Verdict.fail("E2BIG or another 'does not fit' errno " + NO_ROOM_ERRNOS, Errno.describe(error));
        }
        ByteBuffer data = r.value();
        byte[] got = new byte[data.remaining()];
        data.get(got);
        if (got.length == 0) {
            return Verdict.fail("an errno (or a short read)", "a 0-byte reply, which means end of file to Linux and "
                    + "OVMF for a " + fileSize + "-byte file");
        }
        byte[] want = Arrays.copyOf(Fixtures.content(fileSize), got.length);
        if (!Arrays.equals(got, want)) {
            return Verdict.fail("the file's first " + got.length + " bytes", got.length + " bytes that differ");
        }
        return Verdict.nonStrict("short read of " + got.length + " of " + size + " bytes into the room there was; "
                + "an errno is preferred (Linux takes a short READ as end of file)");
    }

    /**
     * READ or READDIRPLUS into fewer than 16 writable bytes, graded on the hardening axis: the chain
     * back with used.len 0 and the daemon serving on is CONTAINED.
     */
    static Verdict readUnder16(ScenarioContext c, boolean dir, UnaryOperator<ChainLayout> shape) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseReply<?> r;
        if (dir) {
            long node = Steps.lookup(fuse, 1, DIR);
            long fh = Steps.require(fuse.opendir(node), "OPENDIR of " + DIR).fh();
            r = fuse.reshapeNext(shape).readdirplus(node, fh, 0, 4096);
        } else {
            long node = Steps.lookup(fuse, 1, FILE);
            long fh = Steps.require(fuse.open(node, 0), "OPEN of " + FILE).fh();
            r = fuse.reshapeNext(shape).read(node, fh, 0, 4096);
        }
        Exchange e = r.exchange();
        long used = Integer.toUnsignedLong(e.completion().usedLen());
        long writable = e.layout().writableBytes();
        Verdict verdict;
        if (used > writable) {
            verdict = Verdict.breach("used.len " + used + " claims more than the " + writable + " writable bytes");
        } else if (used == 0) {
            verdict = Verdict.contained("chain returned with used.len 0 (" + writable + " writable bytes)");
        } else {
            verdict = Verdict.nonStrict("used.len " + used + " of " + writable + " writable bytes: a partial reply "
                    + "no driver can parse");
        }
        return Serving.hardening(c, verdict);
    }

    /** Ends the check with FAIL when the exchange broke a transport rule, NON-STRICT when it came back with no out-header. */
    static void requireReplyHeader(Exchange e) {
        Verdict broken = Expect.transport(e);
        if (broken != null) {
            throw new VerdictReached(broken);
        }
        if (e.reply().isEmpty()) {
            throw new VerdictReached(Verdict.nonStrict("no reply: used.len " + Integer.toUnsignedLong(
                    e.completion().usedLen()) + " and no out-header with " + e.layout().writableBytes() + " writable "
                    + "bytes; an errno fits and is preferred (virtio 1.3 §5.11.6.1 puts a fuse_out_header in the "
                    + "device-writable part, but no normative clause binds the device to write one)"));
        }
    }

    // ----------------------------------------------------------------------------------------- WRITE

    private static void addWrites(List<Scenario> all) {
        all.add(Scenario.builder("sizing/write/payload-longer-than-size/in-pages")
                .title("WRITE with size 4096 carrying 8192 payload bytes in two pages, to a 4096-byte file: a "
                        + "malformed WRITE no driver sends")
                .rule(WRITE_MISMATCH_RULE)
                .hardening().fixture(Fixtures.file(FILE, 4096))
                .check(c -> mismatchedWrite(c, 4096, 8192, false)));
        all.add(Scenario.builder("sizing/write/payload-longer-than-size/one-buffer")
                .title("WRITE with size 4096 carrying 8192 payload bytes in one buffer, to a 4096-byte file: a "
                        + "malformed WRITE no driver sends")
                .rule(WRITE_MISMATCH_RULE)
                .hardening().driver("ovmf").fixture(Fixtures.file(FILE, 4096))
                .check(c -> mismatchedWrite(c, 4096, 8192, true)));
        all.add(Scenario.builder("sizing/write/payload-shorter-than-size/in-pages")
                .title("WRITE with size 8192 carrying 4096 payload bytes, to a 4096-byte file: a malformed WRITE no "
                        + "driver sends")
                .rule(WRITE_MISMATCH_RULE)
                .hardening().fixture(Fixtures.file(FILE, 4096))
                .check(c -> mismatchedWrite(c, 8192, 4096, false)));
        all.add(Scenario.builder("sizing/write/large/2097152/linux")
                .title("WRITE 2 MiB as Linux 6.1 sends it: requests of at most min(max_write, max_pages pages) "
                        + "(507,904 bytes on a 128-entry queue), payload in pages, then the host file holds them")
                .rule(WRITE_RULE)
                .fixture(Fixtures.file(FILE, 4096))
                .check(c -> writeAsDriver(c, 2 * MIB)));
        all.add(Scenario.builder("sizing/write/large/2097152/ovmf")
                .title("WRITE 2 MiB as OVMF edk2-stable202211 sends it: requests of exactly max_write bytes, each "
                        + "payload one buffer (SimpleFsWrite.c), then the host file holds them")
                .rule(WRITE_RULE)
                .driver("ovmf").fixture(Fixtures.file(FILE, 4096))
                .check(c -> writeAsDriver(c, 2 * MIB)));
        for (int extra : new int[] {8 * 1024, MIB}) {
            all.add(Scenario.builder("sizing/write/above-max-write/plus-" + extra)
                    .title("WRITE of max_write + " + extra + " bytes in one request, payload in one buffer "
                            + "(4 descriptors): above the limit the daemon negotiated, which no driver sends")
                    .rule(ABOVE_MAX_WRITE_RULE)
                    .hardening().driver("ovmf").fixture(Fixtures.file(FILE, 4096))
                    .check(c -> aboveMaxWrite(c, extra)));
        }
    }

    /** The bytes every WRITE scenario sends: distinct from the seeded fixture content. */
    static byte[] payload(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (0x77 ^ (i * 13));
        }
        return b;
    }

    static byte[] hostFile(ScenarioContext c) {
        try {
            return Files.readAllBytes(c.shared().resolve(FILE));
        } catch (IOException e) {
            throw new VerdictReached(Verdict.fail("the host file readable after the WRITE", e.toString()));
        }
    }

    static String describeChange(byte[] before, byte[] after) {
        if (before.length != after.length) {
            return "the host file went from " + before.length + " to " + after.length + " bytes";
        }
        int i = 0;
        while (i < before.length && before[i] == after[i]) {
            i++;
        }
        return "the host file's bytes changed from offset " + i;
    }

    /**
     * A WRITE whose fuse_write_in.size is {@code sizeField} but whose chain carries {@code payloadLength}
     * data bytes (in_header.len agrees with the chain, only size disagrees), laid out as Linux lays
     * WRITEs out (payload in pages, indirect) or, with {@code oneBuffer}, as OVMF does (payload in one
     * descriptor); out-header and fuse_write_out writable.
     */
    static Verdict mismatchedWrite(ScenarioContext c, int sizeField, int payloadLength, boolean oneBuffer) {
        FuseSession fuse = c.fuse();
        Steps.Handle h = Steps.open(fuse, FILE, O_RDWR);
        byte[] before = hostFile(c);
        WriteIn in = new WriteIn(h.fh(), 0, sizeField, 0, 0, 0);
        FuseInHeader header = fuse.header(FuseOpcode.WRITE, h.node(), WriteIn.SIZE + payloadLength);
        List<Segment> segments = new ArrayList<>();
        segments.add(Segment.readable(FuseSession.encode(header)));
        segments.add(Segment.readable(FuseSession.encode(in)));
        ByteBuffer data = ByteBuffer.wrap(payload(payloadLength));
        int piece = oneBuffer ? payloadLength : PAGE;
        for (int at = 0; at < payloadLength; at += piece) {
            segments.add(Segment.readable(data.slice(at, Math.min(piece, payloadLength - at))));
        }
        segments.add(Segment.writable(FuseOutHeader.SIZE));
        segments.add(Segment.writable(WriteOut.SIZE));
        Exchange e = fuse.raw(header, in + " with " + payloadLength + " payload bytes",
                new ChainLayout(segments, !oneBuffer && fuse.frontend().indirectNegotiated()));
        Verdict broken = Containment.transport(e);
        if (broken != null || e.reply().isEmpty()) {
            return Serving.hardening(c, broken != null ? broken
                    : Verdict.contained("chain returned with used.len " + Integer.toUnsignedLong(e.completion()
                            .usedLen()) + " and no reply"));
        }
        byte[] after = hostFile(c);
        int error = e.reply().get().error();
        String outcome = error != 0 ? Errno.describe(error) : describeWriteOut(e);
        Verdict verdict;
        if (!Arrays.equals(before, after)) {
            verdict = Verdict.nonStrict("accepted the malformed WRITE: " + outcome + " and " + describeChange(before,
                    after));
        } else if (error == 0) {
            verdict = Verdict.nonStrict("answered " + outcome + " to a WRITE of size " + sizeField + " with "
                    + payloadLength + " payload bytes (file untouched)");
        } else {
            verdict = Verdict.contained("refused with " + Errno.describe(error) + ", host file untouched");
        }
        return Serving.hardening(c, verdict);
    }

    /** "OK, write_out.size N" from a successful WRITE reply, or "OK" when it has no fuse_write_out. */
    static String describeWriteOut(Exchange e) {
        ByteBuffer used = e.completion().usedBytes();
        return used.remaining() >= FuseOutHeader.SIZE + WriteOut.SIZE
                ? "OK, write_out.size " + Integer.toUnsignedLong(used.getInt(FuseOutHeader.SIZE)) : "OK";
    }

    /** {@code size} bytes at offset 0 written as the session's driver writes them, judged as one write. */
    static Verdict writeAsDriver(ScenarioContext c, int size) {
        FuseSession fuse = c.fuse();
        Steps.require(fuse.init(), "INIT");
        long node = Steps.lookup(fuse, 1, FILE);
        long fh = Steps.require(fuse.open(node, O_RDWR), "OPEN of " + FILE).fh();
        byte[] data = payload(size);
        List<FuseReply<WriteOut>> replies = fuse.writeAsDriver(node, fh, 0, ByteBuffer.wrap(data));
        long written = 0;
        for (FuseReply<WriteOut> r : replies) {
            requireReplyHeader(r.exchange());
            if (!r.isOk()) {
                return Verdict.fail("every WRITE within max_write served", Errno.describe(r.error()) + " for "
                        + r.exchange().requestBody());
            }
            long n = Integer.toUnsignedLong(r.value().size());
            int asked = (int) (r.exchange().layout().readableBytes() - 40 - WriteIn.SIZE);
            if (n > asked) {
                return Verdict.fail("write_out.size at most " + asked, String.valueOf(n));
            }
            written += n;
        }
        byte[] after = hostFile(c);
        String requests = replies.size() + " WRITEs of at most " + fuse.limits().maxWrite() + " bytes";
        if (written < size) {
            return Verdict.fail(size + " bytes written", written + " in " + requests);
        }
        if (after.length < size || !Arrays.equals(Arrays.copyOf(after, size), data)) {
            return Verdict.fail("the host file to hold the " + size + " bytes written", describeChange(data, after));
        }
        return Verdict.pass(size + " bytes written in " + requests + " and on the host");
    }

    /** One WRITE of max_write + {@code extra} bytes in one buffer, graded on the hardening axis. */
    static Verdict aboveMaxWrite(ScenarioContext c, int extra) {
        FuseSession fuse = c.fuse();
        long maxWrite = Integer.toUnsignedLong(Steps.require(fuse.init(), "INIT").maxWrite());
        long node = Steps.lookup(fuse, 1, FILE);
        long fh = Steps.require(fuse.open(node, O_RDWR), "OPEN of " + FILE).fh();
        int size = (int) Math.min(Integer.MAX_VALUE / 2, maxWrite + extra);
        byte[] before = hostFile(c);
        byte[] data = payload(size);
        FuseReply<WriteOut> r = fuse.write(node, fh, 0, ByteBuffer.wrap(data));
        Verdict broken = Containment.transport(r.exchange());
        if (broken != null) {
            return Serving.hardening(c, broken);
        }
        if (r.exchange().reply().isEmpty()) {
            return Serving.hardening(c, Verdict.contained("chain returned with no reply"));
        }
        byte[] after = hostFile(c);
        Verdict verdict;
        if (r.isOk()) {
            long n = Integer.toUnsignedLong(r.value().size());
            boolean right = after.length >= n && Arrays.equals(Arrays.copyOf(after, (int) Math.min(n, size)),
                    Arrays.copyOf(data, (int) Math.min(n, size)));
            verdict = n > size ? Verdict.breach("write_out.size " + n + " for a WRITE of " + size)
                    : right ? Verdict.contained("served " + n + " of " + size + " bytes (max_write " + maxWrite + ")")
                    : Verdict.nonStrict("answered write_out.size " + n + " but " + describeChange(data, after));
        } else if (!Arrays.equals(before, after)) {
            verdict = Verdict.nonStrict(Errno.describe(r.error()) + " but " + describeChange(before, after));
        } else {
            verdict = Verdict.contained("refused with " + Errno.describe(r.error()) + ", file untouched (max_write "
                    + maxWrite + ")");
        }
        return Serving.hardening(c, verdict);
    }

    // -------------------------------------------------------------------------------- READDIR(PLUS)

    private static void addReaddirs(List<Scenario> all) {
        all.add(Scenario.builder("sizing/readdir/size-below-one-entry")
                .title("READDIR with size 16, smaller than any record, on a directory of 5 files")
                .rule(READDIR_SMALL_RULE + "EINVAL is PASS (the answer getdents(2) gives for \"Result buffer is too "
                        + "small\"), another clear errno NON-STRICT; legal, though Linux 6.1 always asks for a page")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> noRecordFits(c, false, 16, UnaryOperator.identity(), Errno.EINVAL)));
        all.add(Scenario.builder("sizing/readdirplus/size-below-one-entry")
                .title("READDIRPLUS with size 64, smaller than any record (152 + name), on a directory of 5 files")
                .rule(READDIR_SMALL_RULE + "EINVAL is PASS (the answer getdents(2) gives for \"Result buffer is too "
                        + "small\"), another clear errno NON-STRICT; legal, though Linux 6.1 always asks for a page")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> noRecordFits(c, true, 64, UnaryOperator.identity(), Errno.EINVAL)));
        all.add(Scenario.builder("sizing/readdir/buffer-below-size/room-for-none")
                .title("READDIR with size 4096 but only 16 + 16 writable bytes, too few for one record: legal, no "
                        + "named driver sends it")
                .rule(READDIR_SMALL_RULE + "E2BIG is PASS (the reply does not fit the chain; the C virtiofsd's errno "
                        + "for that), another clear errno NON-STRICT")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> noRecordFits(c, false, 4096, writables(16, 16), Errno.E2BIG)));
        all.add(Scenario.builder("sizing/readdirplus/buffer-below-size/room-for-none")
                .title("READDIRPLUS with size 4096 but only 16 + 64 writable bytes, too few for one record: legal, "
                        + "no named driver sends it")
                .rule(READDIR_SMALL_RULE + "E2BIG is PASS (the reply does not fit the chain), another clear errno "
                        + "NON-STRICT")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> noRecordFits(c, true, 4096, writables(16, 64), Errno.E2BIG)));
        all.add(Scenario.builder("sizing/readdir/buffer-below-size/room-for-some")
                .title("READDIR with size 4096 but 16 + 80 writable bytes, paged to the end: every entry exactly "
                        + "once; legal, no named driver sends it")
                .rule(READDIR_RULE + "; with less room than size the records that fit are the preferred answer (a "
                        + "non-empty short reply is not end of directory), a clear errno on the first reply "
                        + "NON-STRICT, used.len 0 with no out-header FAIL")
                .fixture(Fixtures.manyFiles(DIR, 5))
                .check(c -> listAll(c, false, 4096, writables(16, 80), 5, true)));
        all.add(Scenario.builder("sizing/readdir/large/1000-in-4096")
                .title("READDIR of 1,000 entries with Linux 6.1's one-page buffer (fs/fuse/readdir.c "
                        + "fuse_readdir_uncached), paged by cookie until an empty reply")
                .rule(READDIR_RULE)
                .fixture(Fixtures.manyFiles(DIR, 1000))
                .check(c -> listAll(c, false, PAGE, UnaryOperator.identity(), 1000, false)));
        all.add(Scenario.builder("sizing/readdir/large/1000-in-1mib")
                .title("READDIR of 1,000 entries in one 1 MiB writable buffer, paged until an empty reply: legal, no "
                        + "named driver sends it (Linux 6.1 asks for one page, OVMF for 0x19800 bytes)")
                .rule(READDIR_RULE + "; " + ARRANGEMENT)
                .fixture(Fixtures.manyFiles(DIR, 1000))
                .check(c -> listAll(c, false, MIB, Layouts::coalesceReply, 1000, false)));
        all.add(Scenario.builder("sizing/readdirplus/large/1000-in-1mib")
                .title("READDIRPLUS of 1,000 entries in one 1 MiB writable buffer, paged until an empty reply: legal, "
                        + "no named driver sends it (Linux 6.1 asks for one page, OVMF for 0x19800 bytes)")
                .rule(READDIR_RULE + "; " + ARRANGEMENT)
                .fixture(Fixtures.manyFiles(DIR, 1000))
                .check(c -> listAll(c, true, MIB, Layouts::coalesceReply, 1000, false)));
        all.add(Scenario.builder("sizing/readdirplus/large/1000-in-0x19800/ovmf")
                .title("READDIRPLUS of 1,000 entries in OVMF's 0x19800-byte buffer (one descriptor), paged until an "
                        + "empty reply")
                .rule(READDIR_RULE + "; OVMF edk2-stable202211 sizes the buffer align8(152 + 255) x 256 = 0x19800 "
                        + "(OvmfPkg/VirtioFsDxe/SimpleFsRead.c)")
                .driver("ovmf").fixture(Fixtures.manyFiles(DIR, 1000))
                .check(c -> listAll(c, true, OVMF_READDIR_BUFFER, UnaryOperator.identity(), 1000, false)));
    }

    /** One parsed directory record: its name and its cookie. */
    record Entry(String name, long off) {
    }

    /** READDIR or READDIRPLUS at {@code cookie}; the reply body stays raw so the check parses it strictly. */
    static FuseReply<ByteBuffer> readdir(FuseSession fuse, boolean plus, long node, long fh, long cookie, int size) {
        ReadIn in = new ReadIn(fh, cookie, size, 0, 0, 0);
        return fuse.call(plus ? FuseOpcode.READDIRPLUS : FuseOpcode.READDIR, node, List.of(FuseSession.encode(in)),
                false, List.of(ReplyArg.data(size)), b -> b, in.toString());
    }

    /**
     * The records of a successful reply body; ends the check with FAIL when the body is larger
     * than {@code size}, not a multiple of 8, or holds a partial record.
     */
    static List<Entry> records(ByteBuffer body, boolean plus, int size, long cookie) {
        int length = body.remaining();
        if (Integer.toUnsignedLong(length) > Integer.toUnsignedLong(size)) {
            throw new VerdictReached(Verdict.fail("a body of at most size " + size + " bytes", length + " bytes"));
        }
        if (length % 8 != 0) {
            throw new VerdictReached(Verdict.fail("whole records padded to 8 bytes", "a body of " + length
                    + " bytes at cookie " + cookie));
        }
        try {
            ByteBuffer b = body.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            List<Entry> out = new ArrayList<>();
            if (plus) {
                for (Direntplus d : DirentStream.decodeAllPlus(b)) {
                    out.add(new Entry(d.dirent().nameString(), d.dirent().off()));
                }
            } else {
                for (Dirent d : DirentStream.decodeAll(b)) {
                    out.add(new Entry(d.nameString(), d.off()));
                }
            }
            return out;
        } catch (FuseDecodeException e) {
            throw new VerdictReached(Verdict.fail("whole records", e.getMessage() + " (cookie " + cookie + ")"));
        }
    }

    /** INIT, LOOKUP and OPENDIR of the fixture directory; returns {node, fh}. */
    static long[] openDir(FuseSession fuse) {
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, DIR);
        return new long[] {node, Steps.require(fuse.opendir(node), "OPENDIR of " + DIR).fh()};
    }

    /**
     * One READDIR(PLUS) where no record can fit (size or room too small): an errno is required,
     * {@code preferred} is PASS, another clear errno NON-STRICT.
     */
    static Verdict noRecordFits(ScenarioContext c, boolean plus, int size, UnaryOperator<ChainLayout> shape,
            Errno preferred) {
        FuseSession fuse = c.fuse();
        long[] dir = openDir(fuse);
        FuseReply<ByteBuffer> r = fuse.reshapeNext(shape).call(plus ? FuseOpcode.READDIRPLUS : FuseOpcode.READDIR,
                dir[0], List.of(FuseSession.encode(new ReadIn(dir[1], 0, size, 0, 0, 0))), false,
                List.of(ReplyArg.data(size)), b -> b, "size " + size);
        requireReplyHeader(r.exchange());
        Verdict verdict;
        if (r.isOk()) {
            List<Entry> entries = records(r.value(), plus, size, 0);
            verdict = entries.isEmpty()
                    ? Verdict.nonStrict("an empty reply, which reads as end of directory for a directory of 5 files; "
                            + "an errno is preferred")
                    : Verdict.pass(entries.size() + " whole records that fit after all");
        } else {
            Errno[] others = Arrays.stream(new Errno[] {Errno.EINVAL, Errno.E2BIG, Errno.ERANGE, Errno.ENOMEM,
                Errno.EIO, Errno.EOVERFLOW}).filter(e -> e != preferred).toArray(Errno[]::new);
            verdict = Expect.errno(r, preferred, others);
        }
        return Robustness.afterwards(c, verdict);
    }

    /**
     * Lists the fixture directory of {@code files} entries ({@code entry-0000}...) from cookie 0,
     * each request shaped by {@code shape}, until an empty reply: every record whole and aligned,
     * every entry exactly once ("." and ".." at most once), nothing else. An errno on the first
     * reply is NON-STRICT when {@code errnoFirstAllowed} (the chain was smaller than size), FAIL
     * otherwise.
     */
    static Verdict listAll(ScenarioContext c, boolean plus, int size, UnaryOperator<ChainLayout> shape, int files,
            boolean errnoFirstAllowed) {
        FuseSession fuse = c.fuse();
        long[] dir = openDir(fuse);
        Set<String> seen = new LinkedHashSet<>();
        long cookie = 0;
        int replies = 0;
        while (true) {
            if (replies > files + 10) {
                return Verdict.fail("an empty reply after at most " + (files + 10) + " replies", "still entries after "
                        + replies);
            }
            FuseReply<ByteBuffer> r = readdirShaped(fuse, plus, dir, cookie, size, shape);
            replies++;
            requireReplyHeader(r.exchange());
            if (!r.isOk()) {
                if (replies == 1 && errnoFirstAllowed) {
                    return Robustness.afterwards(c, Verdict.nonStrict("refused with "
                            + Errno.describe(r.error()) + "; returning the records that fit the chain is preferred"));
                }
                return Verdict.fail("records from cookie " + cookie, Errno.describe(r.error()));
            }
            List<Entry> entries = records(r.value(), plus, size, cookie);
            if (entries.isEmpty()) {
                break;
            }
            for (Entry e : entries) {
                if (!seen.add(e.name())) {
                    return Verdict.fail("each entry once", "\"" + e.name() + "\" again in reply " + replies
                            + " (cookie " + cookie + ")");
                }
            }
            cookie = entries.get(entries.size() - 1).off();
        }
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < files; i++) {
            expected.add(String.format("entry-%04d", i));
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(seen);
        Set<String> extra = new TreeSet<>(seen);
        extra.removeAll(expected);
        extra.removeAll(Set.of(".", ".."));
        if (!missing.isEmpty()) {
            return Verdict.fail("all " + files + " entries", (files - missing.size()) + " of them in " + replies
                    + " replies (first missing: " + missing.iterator().next() + ")");
        }
        if (!extra.isEmpty()) {
            return Verdict.fail("only the directory's entries", "also " + extra);
        }
        return Verdict.pass(files + " entries, each once, whole and 8-aligned, in " + replies + " replies");
    }

    private static FuseReply<ByteBuffer> readdirShaped(FuseSession fuse, boolean plus, long[] dir, long cookie,
            int size, UnaryOperator<ChainLayout> shape) {
        return readdir(fuse.reshapeNext(shape), plus, dir[0], dir[1], cookie, size);
    }
}
