package dev.vfc.suite;

import static dev.vfc.suite.Robustness.FILE;
import static dev.vfc.suite.Robustness.FILE_SIZE;
import static dev.vfc.suite.Robustness.GETATTR_REPLY;
import static dev.vfc.suite.Robustness.GETATTR_REQUEST;
import static dev.vfc.suite.Robustness.ROOT;
import static dev.vfc.suite.Robustness.bytes;
import static dev.vfc.suite.Robustness.send;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.Segment;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.fuse.WriteOut;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Requests whose bytes break the FUSE wire format as Linux 6.1 writes it: a fuse_in_header cut
 * short or missing, a body shorter than its opcode's struct, a name without its NUL, an
 * {@code in_header.len} that disagrees with the chain, and CUSE_INIT on a file system device.
 * All are on the hardening axis ({@link Containment}'s grades); an opcode FUSE does not define is
 * not: a newer driver's opcode meets an older daemon the same way, and ENOSYS is its answer.
 */
final class MalformedRequests {

    /** What Linux 6.1 puts in the device-readable part of every request. */
    static final String WIRE = "Linux 6.1 sends every request as the whole 40-byte fuse_in_header then the whole "
            + "struct of its opcode (include/uapi/linux/fuse.h of Linux 6.1 (7.38); fs/fuse/virtio_fs.c virtio_fs_enqueue_req copies "
            + "req->in.h and then each in_arg, sized by sizeof the struct), and virtio 1.3 §5.11.6.1 gives every "
            + "request that format (\"struct fuse_in_header in; u8 datain[]\")";
    static final String GRADES = "hardening: an errno or the chain handed back unused is CONTAINED, serving the "
            + "request as if well-formed NON-STRICT, a used.len past the writable buffers BREACH; the daemon must "
            + "keep serving (else FAIL-STOP; silence is HANG)";
    static final String LEN = "in_header.len is the request's total length (include/uapi/linux/fuse.h of Linux 6.1 (7.38), struct "
            + "fuse_in_header); Linux 6.1 sets it to the bytes it sends (fs/fuse/dev.c queue_request_and_unlock: "
            + "sizeof(struct fuse_in_header) + fuse_len_args), so a len that disagrees with the chain is one no driver "
            + "writes. " + GRADES;

    private MalformedRequests() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        headers(all);
        bodies(all);
        lengths(all);
        opcodes(all);
        return all;
    }

    private static void headers(List<Scenario> all) {
        for (int bytes : new int[] {20, 39}) {
            all.add(Scenario.builder("robustness/header/truncated/" + bytes + "-bytes")
                    .title("a GETATTR whose chain holds only the first " + bytes + " bytes of fuse_in_header")
                    .rule(WIRE + ". " + GRADES)
                    .hardening()
                    .fixture(Fixtures.file(FILE, FILE_SIZE))
                    .check(Containment.guarded(c -> truncatedHeader(c, bytes))));
        }
        all.add(Scenario.builder("robustness/header/truncated/no-readable")
                .title("a chain with writable buffers only: no request bytes at all")
                .rule(WIRE + "; a chain with no device-readable part holds no request. " + GRADES)
                .hardening()
                .check(Containment.guarded(MalformedRequests::noReadable)));
    }

    private static void bodies(List<Scenario> all) {
        all.add(Scenario.builder("robustness/body/truncated/read-8-bytes")
                .title("a READ whose body is 8 bytes instead of the 40-byte fuse_read_in (len agrees: 48)")
                .rule(WIRE + " (fs/fuse/file.c fuse_read_args_fill: in_args[0].size = sizeof(struct fuse_read_in)). "
                        + GRADES)
                .hardening()
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(c -> truncatedBody(c, FuseOpcode.READ, 8,
                        FuseOutHeader.SIZE + 4096))));
        all.add(Scenario.builder("robustness/body/truncated/write-16-bytes")
                .title("a WRITE whose body is 16 bytes (fh and offset of fuse_write_in, no size, no data): file "
                        + "untouched")
                .rule(WIRE + " (fs/fuse/file.c fuse_write_args_fill: sizeof(struct fuse_write_in), then the data). "
                        + GRADES + "; a host file changed by it is NON-STRICT (it stays inside the share)")
                .hardening()
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(c -> truncatedBody(c, FuseOpcode.WRITE, 16,
                        FuseOutHeader.SIZE + WriteOut.SIZE))));
        all.add(Scenario.builder("robustness/body/lookup-name-without-nul")
                .title("a LOOKUP of \"file.bin\" whose name lacks its NUL terminator")
                .rule(WIRE + "; a name goes with its NUL (fs/fuse/dir.c fuse_lookup_init: in_args[0].size = "
                        + "name->len + 1). " + GRADES)
                .hardening()
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(MalformedRequests::nameWithoutNul)));
    }

    private static void lengths(List<Scenario> all) {
        all.add(Scenario.builder("robustness/len/larger-than-chain")
                .title("a GETATTR whose in_header.len says 156 bytes in a chain of 56 readable bytes")
                .rule(LEN)
                .hardening()
                .check(Containment.guarded(c -> lenMismatch(c, GETATTR_REQUEST + 100))));
        all.add(Scenario.builder("robustness/len/smaller-than-chain")
                .title("a GETATTR whose in_header.len says 40 bytes in a chain of 56 readable bytes")
                .rule(LEN)
                .hardening()
                .check(Containment.guarded(c -> lenMismatch(c, FuseInHeader.SIZE))));
        all.add(Scenario.builder("robustness/len/4-gib")
                .title("a GETATTR whose in_header.len is 0xFFFFFFFF in a chain of 56 readable bytes")
                .rule(LEN + "; the length must not choose an allocation")
                .hardening()
                .check(Containment.guarded(c -> lenMismatch(c, 0xFFFF_FFFF))));
    }

    private static void opcodes(List<Scenario> all) {
        all.add(Scenario.builder("robustness/opcode/unknown/9999")
                .title("a request with opcode 9999, which FUSE does not define, is answered ENOSYS")
                .rule("an opcode the daemon does not implement is answered ENOSYS: that is how FUSE grows, Linux 6.1 "
                        + "taking ENOSYS as \"not implemented\" and not sending that opcode again (fs/fuse/*.c "
                        + "fc->no_* flags, e.g. fs/fuse/file.c fuse_flush sets fc->no_flush); no text makes another "
                        + "answer a violation, so another errno or success is NON-STRICT; no out header is FAIL ("
                        + Expect.REPLY_RULE + ")")
                .check(c -> unknownOpcode(c, 9999)));
        all.add(Scenario.builder("robustness/opcode/unknown/4096-cuse-init")
                .title("a CUSE_INIT (opcode 4096), which only a CUSE character device serves, on a virtio-fs queue")
                .rule("CUSE_INIT opens a CUSE character-device session (include/uapi/linux/fuse.h of Linux 6.1 (7.38), "
                        + "CUSE_INIT = 4096, fs/fuse/cuse.c); virtio 1.3 §5.11 is a file system device and "
                        + "Linux 6.1's "
                        + "virtio-fs driver never sends it. " + GRADES)
                .hardening()
                .check(Containment.guarded(MalformedRequests::cuseInit)));
    }

    static Verdict truncatedHeader(ScenarioContext c, int bytes) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseInHeader header = fuse.header(FuseOpcode.GETATTR, ROOT, GetattrIn.SIZE);
        ByteBuffer prefix = FuseSession.encode(header).limit(bytes).slice();
        Exchange e = fuse.raw(header, "the first " + bytes + " bytes of the header", new ChainLayout(
                List.of(Segment.readable(prefix), Segment.writable(GETATTR_REPLY)), false));
        return Serving.hardening(c, Containment.ofExchange(e));
    }

    static Verdict noReadable(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        // No bytes go out: the header is only what the transcript shows, with unique 0, which is
        // all a reply could echo.
        FuseInHeader none = new FuseInHeader(0, FuseOpcode.GETATTR.code(), 0, ROOT, 0, 0, 0, 0);
        Exchange e = fuse.raw(none, "no readable descriptor", new ChainLayout(
                List.of(Segment.writable(FuseOutHeader.SIZE), Segment.writable(AttrOut.SIZE)), false));
        return Serving.hardening(c, Containment.ofExchange(e));
    }

    /**
     * {@code opcode} on the fixture file with a body of {@code bodyLength} bytes (its first bytes an
     * open handle), len agreeing with the chain; for WRITE the host file must stay untouched.
     */
    static Verdict truncatedBody(ScenarioContext c, FuseOpcode opcode, int bodyLength, int replyRoom) {
        FuseSession fuse = c.fuse();
        Steps.Handle h = Steps.open(fuse, FILE, opcode == FuseOpcode.WRITE ? 2 : 0);
        ByteBuffer body = bytes(bodyLength).putLong(0, h.fh());
        FuseInHeader header = fuse.header(opcode, h.node(), bodyLength);
        Exchange e = send(fuse, header, bodyLength + "-byte body", List.of(body), FuseOutHeader.SIZE,
                replyRoom - FuseOutHeader.SIZE);
        Verdict v = Containment.ofExchange(e);
        if (opcode == FuseOpcode.WRITE && v.kind() != Verdict.Kind.BREACH) {
            byte[] now = HostFiles.hostFile(c);
            byte[] original = Fixtures.content(FILE_SIZE);
            if (!Arrays.equals(now, original)) {
                v = Verdict.nonStrict("the truncated WRITE changed the host file (" + HostFiles.describeChange(original,
                        now) + "); the reply: " + v.kind().label() + " " + v.detail());
            }
        }
        return Serving.hardening(c, v);
    }

    static Verdict nameWithoutNul(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        ByteBuffer name = ByteBuffer.wrap(FILE.getBytes(StandardCharsets.US_ASCII));
        FuseInHeader header = fuse.header(FuseOpcode.LOOKUP, ROOT, name.remaining());
        Exchange e = send(fuse, header, "\"" + FILE + "\" without NUL", List.of(name), FuseOutHeader.SIZE,
                EntryOut.SIZE);
        return Serving.hardening(c, Containment.ofExchange(e));
    }

    /** A well-formed GETATTR of the root except that in_header.len is {@code len}. */
    static Verdict lenMismatch(ScenarioContext c, int len) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseInHeader proper = fuse.header(FuseOpcode.GETATTR, ROOT, GetattrIn.SIZE);
        FuseInHeader header = new FuseInHeader(len, proper.opcode(), proper.unique(), proper.nodeid(), proper.uid(),
                proper.gid(), proper.pid(), 0);
        Exchange e = send(fuse, header, "len " + Integer.toUnsignedString(len) + ", " + GETATTR_REQUEST
                + " readable bytes", List.of(FuseSession.encode(new GetattrIn(0, 0))), FuseOutHeader.SIZE,
                AttrOut.SIZE);
        Verdict v = Containment.ofExchange(e);
        if (v.kind() == Verdict.Kind.NON_STRICT && e.reply().map(r -> r.error() == 0).orElse(false)) {
            v = Verdict.nonStrict("served despite len " + Integer.toUnsignedString(len) + " in a chain of "
                    + GETATTR_REQUEST + " readable bytes (used.len " + Integer.toUnsignedLong(e.completion().usedLen())
                    + ")");
        }
        return Serving.hardening(c, v);
    }

    /** Sends {@code opcode} with a 16-byte zero body to the root, with room for a 128-byte reply. */
    private static Exchange sendOpcode(FuseSession fuse, int opcode) {
        Steps.init(fuse);
        FuseInHeader proper = fuse.header(FuseOpcode.GETATTR, ROOT, 16);
        FuseInHeader header = new FuseInHeader(proper.len(), opcode, proper.unique(), ROOT, 0, 0, 1, 0);
        return send(fuse, header, "16 zero bytes", List.of(bytes(16)), FuseOutHeader.SIZE, 128);
    }

    static Verdict unknownOpcode(ScenarioContext c, int opcode) {
        Exchange e = sendOpcode(c.fuse(), opcode);
        Verdict broken = Expect.transport(e);
        if (broken != null || e.reply().isEmpty()) {
            return Serving.conformance(c, broken != null ? broken : Expect.errno(e, Errno.ENOSYS));
        }
        int error = e.reply().get().error();
        Verdict v = error == -Errno.ENOSYS.number() ? Verdict.pass(Errno.describe(error))
                : Verdict.nonStrict((error == 0 ? "success" : Errno.describe(error)) + " for an opcode FUSE does not "
                        + "define; ENOSYS is how a driver learns it is not implemented");
        return Serving.conformance(c, v);
    }

    static Verdict cuseInit(ScenarioContext c) {
        return Serving.hardening(c, Containment.ofExchange(sendOpcode(c.fuse(), FuseOpcode.CUSE_INIT.code())));
    }
}
