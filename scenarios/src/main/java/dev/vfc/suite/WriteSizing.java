package dev.vfc.suite;

import static dev.vfc.suite.Sizing.*;
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
 * WRITEs whose payload disagrees with {@code size} or exceeds the negotiated {@code max_write}, and WRITEs within it as each driver sends them; part of {@link Sizing}.
 */
final class WriteSizing {

    private WriteSizing() {
    }

    static void add(List<Scenario> all) {
        all.add(Scenario.builder("sizing/write/payload-longer-than-size/in-pages")
                .title("WRITE with size 4096 carrying 8192 payload bytes in two pages, to a 4096-byte file: a "
                        + "malformed WRITE no driver sends")
                .rule(WRITE_MISMATCH_RULE)
                .hardening().fixture(Fixtures.file(FILE, 4096))
                .check(Containment.guarded(c -> mismatchedWrite(c, 4096, 8192, false))));
        all.add(Scenario.builder("sizing/write/payload-longer-than-size/one-buffer")
                .title("WRITE with size 4096 carrying 8192 payload bytes in one buffer, to a 4096-byte file: a "
                        + "malformed WRITE no driver sends")
                .rule(WRITE_MISMATCH_RULE)
                .hardening().driver("ovmf").fixture(Fixtures.file(FILE, 4096))
                .check(Containment.guarded(c -> mismatchedWrite(c, 4096, 8192, true))));
        all.add(Scenario.builder("sizing/write/payload-shorter-than-size/in-pages")
                .title("WRITE with size 8192 carrying 4096 payload bytes, to a 4096-byte file: a malformed WRITE no "
                        + "driver sends")
                .rule(WRITE_MISMATCH_RULE)
                .hardening().fixture(Fixtures.file(FILE, 4096))
                .check(Containment.guarded(c -> mismatchedWrite(c, 8192, 4096, false))));
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
                    .check(Containment.guarded(c -> aboveMaxWrite(c, extra))));
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

    /**
     * A WRITE whose fuse_write_in.size is {@code sizeField} but whose chain carries {@code payloadLength}
     * data bytes (in_header.len agrees with the chain, only size disagrees), laid out as Linux lays
     * WRITEs out (payload in pages, indirect) or, with {@code oneBuffer}, as OVMF does (payload in one
     * descriptor); out-header and fuse_write_out writable.
     */
    static Verdict mismatchedWrite(ScenarioContext c, int sizeField, int payloadLength, boolean oneBuffer) {
        FuseSession fuse = c.fuse();
        Steps.Handle h = Steps.open(fuse, FILE, O_RDWR);
        byte[] before = HostFiles.hostFile(c);
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
        byte[] after = HostFiles.hostFile(c);
        int error = e.reply().get().error();
        String outcome = error != 0 ? Errno.describe(error) : describeWriteOut(e);
        Verdict verdict;
        if (!Arrays.equals(before, after)) {
            verdict = Verdict.nonStrict("accepted the malformed WRITE: " + outcome + " and " + HostFiles.describeChange(before,
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
        byte[] after = HostFiles.hostFile(c);
        String requests = replies.size() + " WRITEs of at most " + fuse.limits().maxWrite() + " bytes";
        if (written < size) {
            return Verdict.fail(size + " bytes written", written + " in " + requests);
        }
        if (after.length < size || !Arrays.equals(Arrays.copyOf(after, size), data)) {
            return Verdict.fail("the host file to hold the " + size + " bytes written", HostFiles.describeChange(data, after));
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
        byte[] before = HostFiles.hostFile(c);
        byte[] data = payload(size);
        FuseReply<WriteOut> r = fuse.write(node, fh, 0, ByteBuffer.wrap(data));
        Verdict broken = Containment.transport(r.exchange());
        if (broken != null) {
            return Serving.hardening(c, broken);
        }
        if (r.exchange().reply().isEmpty()) {
            return Serving.hardening(c, Verdict.contained("chain returned with no reply"));
        }
        byte[] after = HostFiles.hostFile(c);
        Verdict verdict;
        if (r.isOk()) {
            long n = Integer.toUnsignedLong(r.value().size());
            boolean right = after.length >= n && Arrays.equals(Arrays.copyOf(after, (int) Math.min(n, size)),
                    Arrays.copyOf(data, (int) Math.min(n, size)));
            verdict = n > size ? Verdict.breach("write_out.size " + n + " for a WRITE of " + size)
                    : right ? Verdict.contained("served " + n + " of " + size + " bytes (max_write " + maxWrite + ")")
                    : Verdict.nonStrict("answered write_out.size " + n + " but " + HostFiles.describeChange(data, after));
        } else if (!Arrays.equals(before, after)) {
            verdict = Verdict.nonStrict(Errno.describe(r.error()) + " but " + HostFiles.describeChange(before, after));
        } else {
            verdict = Verdict.contained("refused with " + Errno.describe(r.error()) + ", file untouched (max_write "
                    + maxWrite + ")");
        }
        return Serving.hardening(c, verdict);
    }

    // -------------------------------------------------------------------------------- READDIR(PLUS)
}
