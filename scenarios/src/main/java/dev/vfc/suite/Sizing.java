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
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
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
        WriteSizing.add(all);
        ReaddirSizing.add(all);
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
                .check(Containment.guarded(c -> readUnder16(c, false, writables(8)))));
        all.add(Scenario.builder("sizing/read/under-16/no-writable")
                .title("READ 4096 bytes with no writable descriptor at all")
                .rule(UNDER_16_RULE)
                .hardening().fixture(Fixtures.file(FILE, 4096))
                .check(Containment.guarded(c -> readUnder16(c, false, writables()))));
        all.add(Scenario.builder("sizing/readdirplus/under-16/8-bytes")
                .title("READDIRPLUS of 4096 bytes into 8 writable bytes, no room for the out-header")
                .rule(UNDER_16_RULE)
                .hardening().fixture(Fixtures.manyFiles(DIR, 5))
                .check(Containment.guarded(c -> readUnder16(c, true, writables(8)))));
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
}
