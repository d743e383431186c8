package dev.vfc.suite;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.Segment;
import dev.vfc.frontend.Completion;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.RawChain;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.BatchForgetIn;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.ForgetOne;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.fuse.WriteOut;
import dev.vfc.memory.GuestRegion;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.Verdict;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseSession;
import dev.vfc.virtqueue.Descriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hostile or broken guest: truncated headers and bodies, an {@code in_header.len} that
 * disagrees with the chain, unknown opcodes, requests that get no reply, and descriptor chains no
 * driver may build (outside guest memory, loops, a next index past the ring, readable after
 * writable, broken and nested indirect tables). Each one must get an errno, or for faults in the
 * chain itself the chain back unused, and the daemon must keep serving: every check ends with
 * {@link Expect#stillServing}. The C and Rust virtiofsd are fail-stop on several of these
 * (reference daemons.md §1.2, §1.3, §2.4), which shows as CRASH.
 */
public final class Robustness {

    static final long ROOT = 1;
    static final String FILE = "file.bin";
    static final int FILE_SIZE = 4096;
    /** The 16 + fuse_attr_out a GETATTR reply needs. */
    static final int GETATTR_REPLY = FuseOutHeader.SIZE + AttrOut.SIZE;
    /** GETATTR's header and fuse_getattr_in: the request most chain scenarios carry. */
    static final int GETATTR_REQUEST = FuseInHeader.SIZE + GetattrIn.SIZE;

    static final String MALFORMED_RULE = "a request that does not hold what its opcode needs is malformed: the "
            + "kernel always sends the whole 40-byte fuse_in_header and the opcode's struct (fs/fuse/virtio_fs.c "
            + "copies fuse_args.in_args; include/uapi/linux/fuse.h 7.38), libfuse answers EINVAL when the buffer is "
            + "short (fuse_mbuf_iter_advance); every request gets a reply (virtio 1.3 §5.11.6, Linux "
            + "virtio_fs_verify_response) and the daemon keeps serving. EINVAL is PASS, another errno NON-STRICT, "
            + "success or no reply FAIL, death CRASH";
    static final String TRUNCATED_HEADER_RULE = "fewer than 40 bytes cannot be a FUSE request (fuse_in_header is 40 "
            + "bytes, include/uapi/linux/fuse.h 7.38). The bytes there still carry the unique, so an EINVAL reply "
            + "echoing it is PASS (the driver learns which request failed); returning the chain with used.len 0 is "
            + "NON-STRICT (the driver gets nothing it can match; Linux turns it into EIO); another errno NON-STRICT; "
            + "the daemon must keep serving (the C virtiofsd asserts in fv_queue_worker: CRASH)";
    static final String LEN_RULE = "in_header.len is the request's total length (include/uapi/linux/fuse.h 7.38: "
            + "len of fuse_in_header); Linux and OVMF always send exactly the readable bytes (ovmf-virtiofsdxe.md "
            + "§2.4). A len that disagrees with the chain means the request cannot be parsed with confidence: "
            + "EINVAL is PASS, another errno NON-STRICT, serving it anyway NON-STRICT (a daemon that trusts one of "
            + "the two numbers misparses variable-length bodies), no reply FAIL, death CRASH";
    static final String OPCODE_RULE = "an opcode the daemon does not implement gets ENOSYS (libfuse fuse_ll_ops; "
            + "the kernel records ENOSYS as 'not implemented', fs/fuse/*.c fc->no_*), and the daemon keeps serving: "
            + "ENOSYS is PASS, EINVAL/EIO/EOPNOTSUPP NON-STRICT, success or no reply FAIL";
    static final String NO_REPLY_RULE = "FORGET and BATCH_FORGET get no reply (include/uapi/linux/fuse.h 7.38), but "
            + "virtio 1.3 §2.7.8 still requires the chain back on the used ring: OVMF waits for FORGET with no "
            + "timeout (ovmf-virtiofsdxe.md §2.1, §7) and Linux frees the request when it comes back (virtio_fs.c "
            + "hiprio). used.len 0 is PASS, a chain never returned TIMEOUT, death CRASH";
    static final String CHAIN_RULE = "a descriptor chain the driver may not build (virtio 1.3 §2.7.4.2, §2.7.5.3.1, "
            + "§2.7.13) cannot be served; the device returns it with used.len 0 and keeps serving the queue "
            + "(virtio 1.3 §2.7.8). Returned unused is PASS; an errno written into a valid writable buffer, or the "
            + "request served anyway, NON-STRICT; used.len past the valid writable buffers FAIL; a daemon that "
            + "exits (libvhost-user vu_panic, a Rust panic) CRASH; one that never returns the chain TIMEOUT";

    private Robustness() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        addRequests(all);
        addNoReply(all);
        addChains(all);
        return all;
    }

    // ------------------------------------------------------------------------- malformed requests

    private static void addRequests(List<Scenario> all) {
        for (int bytes : new int[] {20, 39}) {
            all.add(Scenario.builder("robustness/header/truncated/" + bytes + "-bytes")
                    .title("a GETATTR whose chain holds only the first " + bytes + " bytes of fuse_in_header")
                    .rule(TRUNCATED_HEADER_RULE)
                    .fixture(Fixtures.file(FILE, FILE_SIZE))
                    .check(c -> truncatedHeader(c, bytes)));
        }
        all.add(Scenario.builder("robustness/header/truncated/no-readable")
                .title("a chain with writable buffers only: no request bytes at all")
                .rule("a chain with no device-readable part holds no request (virtio 1.3 §5.11.6: every request "
                        + "starts with fuse_in_header); used.len 0 or an EINVAL reply is PASS, another errno "
                        + "NON-STRICT, and the daemon keeps serving")
                .check(Robustness::noReadable));
        all.add(Scenario.builder("robustness/body/truncated/read-8-bytes")
                .title("a READ whose body is 8 bytes instead of the 40-byte fuse_read_in (len agrees: 48)")
                .rule(MALFORMED_RULE + "; the Rust virtiofsd panics on a body decode failure (daemons.md §1.2)")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(c -> truncatedBody(c, FuseOpcode.READ, 8, FuseOutHeader.SIZE + 4096)));
        all.add(Scenario.builder("robustness/body/truncated/write-16-bytes")
                .title("a WRITE whose body is 16 bytes (fh and offset of fuse_write_in, no size, no data): file "
                        + "untouched")
                .rule(MALFORMED_RULE + "; nothing may be written")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(c -> truncatedBody(c, FuseOpcode.WRITE, 16, FuseOutHeader.SIZE + WriteOut.SIZE)));
        all.add(Scenario.builder("robustness/body/lookup-name-without-nul")
                .title("a LOOKUP of \"file.bin\" whose name lacks its NUL terminator")
                .rule(MALFORMED_RULE + "; fs/fuse/dir.c sends the name with its NUL (len + 1), libfuse's "
                        + "fuse_mbuf_iter_advance_str refuses a name without one")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Robustness::nameWithoutNul));
        all.add(Scenario.builder("robustness/len/larger-than-chain")
                .title("a GETATTR whose in_header.len says 156 bytes in a chain of 56 readable bytes")
                .rule(LEN_RULE)
                .check(c -> lenMismatch(c, GETATTR_REQUEST + 100)));
        all.add(Scenario.builder("robustness/len/smaller-than-chain")
                .title("a GETATTR whose in_header.len says 40 bytes in a chain of 56 readable bytes")
                .rule(LEN_RULE)
                .check(c -> lenMismatch(c, FuseInHeader.SIZE)));
        all.add(Scenario.builder("robustness/len/4-gib")
                .title("a GETATTR whose in_header.len is 0xFFFFFFFF in a chain of 56 readable bytes")
                .rule(LEN_RULE + "; the length must not choose an allocation")
                .check(c -> lenMismatch(c, 0xFFFF_FFFF)));
        all.add(Scenario.builder("robustness/opcode/unknown/9999")
                .title("a request with opcode 9999, which FUSE does not define")
                .rule(OPCODE_RULE)
                .check(c -> unknownOpcode(c, 9999)));
        all.add(Scenario.builder("robustness/opcode/unknown/4096-cuse-init")
                .title("a CUSE_INIT (opcode 4096), which only a CUSE character device serves, on a virtio-fs queue")
                .rule(OPCODE_RULE + "; CUSE_INIT belongs to CUSE, not to a file system session")
                .check(c -> unknownOpcode(c, FuseOpcode.CUSE_INIT.code())));
    }

    /**
     * An error reply expected: PASS for {@code preferred}, NON-STRICT for any other errno,
     * FAIL for success; no reply is FAIL unless {@code noReply} gives it a verdict.
     */
    static Verdict judgeErrno(Exchange e, Errno preferred, Verdict noReply, Errno... nonStrict) {
        Verdict broken = Expect.transport(e);
        if (broken != null) {
            return broken;
        }
        if (e.reply().isEmpty()) {
            return noReply != null ? noReply
                    : Verdict.fail(preferred + " (every request gets a reply: Linux virtio_fs_verify_response)",
                            "used.len " + Integer.toUnsignedLong(e.completion().usedLen()) + " and no out-header");
        }
        int error = e.reply().get().error();
        if (error == -preferred.number()) {
            return Verdict.pass(Errno.describe(error));
        }
        if (error == 0) {
            return Verdict.fail(preferred.name(), "success (" + Integer.toUnsignedLong(e.completion().usedLen())
                    + " bytes)");
        }
        boolean listed = nonStrict.length == 0 || Arrays.stream(nonStrict).anyMatch(x -> error == -x.number());
        return listed ? Verdict.nonStrict("got " + Errno.describe(error) + ", but " + preferred + " is the rule's "
                + "answer") : Verdict.fail(preferred.name(), Errno.describe(error));
    }

    private static ByteBuffer bytes(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Sends {@code header} encoded, then {@code body} buffers, then writable buffers of these lengths. */
    static Exchange send(FuseSession fuse, FuseInHeader header, String description, List<ByteBuffer> body,
            int... writable) {
        List<Segment> segments = new ArrayList<>();
        segments.add(Segment.readable(FuseSession.encode(header)));
        body.forEach(b -> segments.add(Segment.readable(b)));
        for (int w : writable) {
            segments.add(Segment.writable(w));
        }
        return fuse.raw(header, description, new ChainLayout(segments, fuse.frontend().indirectNegotiated()));
    }

    static Verdict truncatedHeader(ScenarioContext c, int bytes) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseInHeader header = fuse.header(FuseOpcode.GETATTR, ROOT, GetattrIn.SIZE);
        ByteBuffer prefix = FuseSession.encode(header).limit(bytes).slice();
        Exchange e = fuse.raw(header, "the first " + bytes + " bytes of the header", new ChainLayout(
                List.of(Segment.readable(prefix), Segment.writable(GETATTR_REPLY)), false));
        Verdict v = judgeErrno(e, Errno.EINVAL, Verdict.nonStrict("chain returned with used.len 0; an EINVAL reply "
                + "echoing the unique is preferred"));
        return afterwards(c, v);
    }

    static Verdict noReadable(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        // No bytes go out: the header is only what the transcript shows, with unique 0, which is
        // all a reply could echo.
        FuseInHeader none = new FuseInHeader(0, FuseOpcode.GETATTR.code(), 0, ROOT, 0, 0, 0, 0);
        Exchange e = fuse.raw(none, "no readable descriptor", new ChainLayout(
                List.of(Segment.writable(FuseOutHeader.SIZE), Segment.writable(AttrOut.SIZE)), false));
        Verdict v = judgeErrno(e, Errno.EINVAL, Verdict.pass("chain returned with used.len 0"));
        return afterwards(c, v);
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
        Verdict v = judgeErrno(e, Errno.EINVAL, null);
        if (opcode == FuseOpcode.WRITE) {
            byte[] now = Sizing.hostFile(c);
            if (!Arrays.equals(now, Fixtures.content(FILE_SIZE))) {
                byte[] original = Fixtures.content(FILE_SIZE);
                return Verdict.fail("the host file untouched", Sizing.describeChange(original, now));
            }
        }
        return afterwards(c, v);
    }

    static Verdict nameWithoutNul(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        ByteBuffer name = ByteBuffer.wrap(FILE.getBytes(StandardCharsets.US_ASCII));
        FuseInHeader header = fuse.header(FuseOpcode.LOOKUP, ROOT, name.remaining());
        Exchange e = send(fuse, header, "\"" + FILE + "\" without NUL", List.of(name), FuseOutHeader.SIZE,
                EntryOut.SIZE);
        Verdict v = judgeErrno(e, Errno.EINVAL, null);
        return afterwards(c, v);
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
        Verdict v;
        if (e.reply().isPresent() && e.reply().get().error() == 0 && Expect.transport(e) == null) {
            v = Verdict.nonStrict("served despite len " + Integer.toUnsignedString(len) + " in a chain of "
                    + GETATTR_REQUEST + " readable bytes; EINVAL is preferred");
        } else {
            v = judgeErrno(e, Errno.EINVAL, null);
        }
        return afterwards(c, v);
    }

    static Verdict unknownOpcode(ScenarioContext c, int opcode) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        FuseInHeader proper = fuse.header(FuseOpcode.GETATTR, ROOT, 16);
        FuseInHeader header = new FuseInHeader(proper.len(), opcode, proper.unique(), ROOT, 0, 0, 1, 0);
        Exchange e = send(fuse, header, "16 zero bytes", List.of(bytes(16)), FuseOutHeader.SIZE, 128);
        Verdict v = judgeErrno(e, Errno.ENOSYS, null, Errno.EINVAL, Errno.EIO, Errno.EOPNOTSUPP);
        return afterwards(c, v);
    }

    // ------------------------------------------------------------------------ requests without reply

    private static void addNoReply(List<Scenario> all) {
        all.add(Scenario.builder("robustness/forget/request-queue/ovmf")
                .title("FORGET on the request queue, as OVMF sends it: the chain comes back, the node stays usable")
                .rule(NO_REPLY_RULE)
                .driver("ovmf").fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Robustness::forget));
        all.add(Scenario.builder("robustness/forget/hiprio/linux")
                .title("FORGET on the hiprio queue, as Linux sends it: the chain comes back, the node stays usable")
                .rule(NO_REPLY_RULE)
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Robustness::forget));
        all.add(Scenario.builder("robustness/batch-forget/count-past-body")
                .title("BATCH_FORGET whose count says 1,000,000 entries but whose body holds one")
                .rule(NO_REPLY_RULE + "; a count the body cannot hold is malformed and must not make the daemon "
                        + "read past the request (the Rust virtiofsd answers ENOMEM when count x 16 > 1 MiB, "
                        + "daemons.md §1.2)")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Robustness::batchForgetPastBody));
    }

    /**
     * LOOKUP twice (two references), FORGET one of them: the chain must come back with used.len 0
     * and the node must still answer GETATTR, since one reference remains.
     */
    static Verdict forget(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, ROOT, FILE);
        Steps.lookup(fuse, ROOT, FILE);
        Exchange e = fuse.forget(node, 1);
        long used = Integer.toUnsignedLong(e.completion().usedLen());
        if (used != 0) {
            return Verdict.fail("used.len 0 (FORGET has no reply)", "used.len " + used);
        }
        Verdict alive = Expect.stillServing(c);
        if (alive != null) {
            return alive;
        }
        var r = fuse.getattr(node);
        return r.isOk() ? Verdict.pass("chain returned with used.len 0; the node still answers after one of two "
                + "references was forgotten")
                : Verdict.fail("GETATTR of the node (one lookup reference left) to succeed", Errno.describe(r.error()));
    }

    static Verdict batchForgetPastBody(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, ROOT, FILE);
        Steps.lookup(fuse, ROOT, FILE);
        FuseInHeader header = fuse.header(FuseOpcode.BATCH_FORGET, 0, BatchForgetIn.SIZE + ForgetOne.SIZE);
        Exchange e = send(fuse, header, "count 1000000, one forget_one", List.of(
                FuseSession.encode(new BatchForgetIn(1_000_000)), FuseSession.encode(new ForgetOne(node, 1))));
        long used = Integer.toUnsignedLong(e.completion().usedLen());
        if (used != 0) {
            return Verdict.fail("used.len 0 (BATCH_FORGET has no reply)", "used.len " + used);
        }
        return afterwards(c, Verdict.pass("chain returned with used.len 0"));
    }

    // ------------------------------------------------------------------------------ broken chains

    private static void addChains(List<Scenario> all) {
        all.add(chain("robustness/chain/outside-memory/readable",
                "a GETATTR whose readable descriptor points 1 TiB into the guest, far past its RAM", "§2.7.5",
                Robustness::readableOutside));
        all.add(chain("robustness/chain/outside-memory/writable",
                "a well-formed GETATTR whose writable descriptor points 1 TiB into the guest, far past its RAM",
                "§2.7.5",
                Robustness::writableOutside));
        all.add(chain("robustness/chain/outside-memory/straddling-end",
                "a GETATTR whose 56-byte readable descriptor starts 20 bytes before the end of guest RAM", "§2.7.5",
                Robustness::straddlingEnd));
        all.add(chain("robustness/chain/loop/direct",
                "a chain in the ring's table whose last descriptor's next points back at its head", "§2.7.13",
                Robustness::directLoop));
        all.add(chain("robustness/chain/loop/indirect",
                "an indirect table whose last descriptor's next points back at its first", "§2.7.5.3.1",
                Robustness::indirectLoop));
        all.add(chain("robustness/chain/next-past-queue",
                "a descriptor whose next is 128, one past the last index of a 128-entry queue", "§2.7.5",
                Robustness::nextPastQueue));
        all.add(chain("robustness/chain/readable-after-writable",
                "a chain with its writable reply buffer before its readable request", "§2.7.4.2 (the driver MUST "
                        + "place device-writable descriptors after device-readable ones)",
                Robustness::readableAfterWritable));
        all.add(chain("robustness/chain/indirect/length-not-multiple-of-16",
                "an indirect descriptor of 40 bytes: two whole descriptors and half of a third", "§2.7.5.3",
                Robustness::indirectBadLength));
        all.add(chain("robustness/chain/indirect/nested",
                "an indirect table whose only descriptor is itself INDIRECT", "§2.7.5.3.1 (the driver MUST NOT "
                        + "set VIRTQ_DESC_F_INDIRECT within an indirect table)",
                Robustness::nestedIndirect));
    }

    /** Builds a chain by hand (descriptors may point anywhere) and returns its head index. */
    @FunctionalInterface
    interface ChainBuilder {
        int build(RawChain chain, Frontend frontend);
    }

    private static Scenario chain(String id, String title, String section, ChainBuilder build) {
        return Scenario.builder(id).title(title).rule(CHAIN_RULE + "; here virtio 1.3 " + section)
                .check(c -> {
                    Steps.init(c.fuse());
                    Frontend frontend = c.session().frontend();
                    RawChain raw = frontend.requestQueue().rawChain();
                    int head = build.build(raw, frontend);
                    Completion done = raw.submit(head, frontend.options().requestTimeout());
                    Verdict v = judgeChain(done);
                    return afterwards(c, v);
                });
    }

    /** Returned unused: PASS; a reply in valid writable buffers: NON-STRICT; anything past them: FAIL. */
    static Verdict judgeChain(Completion done) {
        long used = Integer.toUnsignedLong(done.usedLen());
        long writable = done.writable().stream().mapToLong(ByteBuffer::remaining).sum();
        if (done.usedId() != done.head()) {
            return Verdict.fail("used.id " + done.head() + " (the chain's head)", "used.id " + done.usedId());
        }
        if (used == 0) {
            return Verdict.pass("chain returned with used.len 0");
        }
        if (used > writable) {
            return Verdict.fail("used.len 0 (at most the " + writable + " bytes of valid writable buffers)",
                    "used.len " + used);
        }
        ByteBuffer bytes = done.usedBytes();
        if (bytes.remaining() >= FuseOutHeader.SIZE) {
            FuseOutHeader out = FuseOutHeader.decode(bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN));
            return Verdict.nonStrict((out.error() == 0 ? "served anyway" : "answered " + Errno.describe(out.error()))
                    + " (used.len " + used + "); returning the malformed chain unused is preferred");
        }
        return Verdict.fail("used.len 0", "used.len " + used + " with no whole out-header");
    }

    /** A GETATTR of the root, header and body in one buffer. */
    static ByteBuffer getattrRequest() {
        FuseInHeader h = FuseInHeader.of(FuseOpcode.GETATTR, GETATTR_REQUEST, 0x7f00, ROOT, 0, 0, 1);
        ByteBuffer b = ByteBuffer.allocate(GETATTR_REQUEST).order(ByteOrder.LITTLE_ENDIAN);
        h.encodeTo(b);
        new GetattrIn(0, 0).encodeTo(b);
        return b.flip();
    }

    static final long FAR = 1L << 40;

    static int readableOutside(RawChain chain, Frontend frontend) {
        long out = chain.writable(GETATTR_REPLY);
        chain.descriptor(0, new Descriptor(FAR, GETATTR_REQUEST, Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0));
        return 0;
    }

    static int writableOutside(RawChain chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        chain.descriptor(0, new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(FAR, GETATTR_REPLY, Descriptor.WRITE, 0));
        return 0;
    }

    /**
     * The request's first 20 bytes are the last 20 bytes of guest RAM; the descriptor claims 56.
     * (The frontend's allocator fills RAM from the bottom, so the top is free.)
     */
    static int straddlingEnd(RawChain chain, Frontend frontend) {
        long at = endOfRam(frontend) - 20;
        frontend.memory().slice(at, 20).put(getattrRequest().limit(20));
        long out = chain.writable(GETATTR_REPLY);
        chain.descriptor(0, new Descriptor(at, GETATTR_REQUEST, Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0));
        return 0;
    }

    static int directLoop(RawChain chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        long out = chain.writable(GETATTR_REPLY);
        chain.descriptor(0, new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE | Descriptor.NEXT, 0));
        return 0;
    }

    static int indirectLoop(RawChain chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        long out = chain.writable(GETATTR_REPLY);
        long table = chain.indirectTable(List.of(
                new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1),
                new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE | Descriptor.NEXT, 0)));
        chain.descriptor(0, new Descriptor(table, 2 * Descriptor.SIZE, Descriptor.INDIRECT, 0));
        return 0;
    }

    static int nextPastQueue(RawChain chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        chain.descriptor(0, new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 128));
        return 0;
    }

    static int readableAfterWritable(RawChain chain, Frontend frontend) {
        long out = chain.writable(GETATTR_REPLY);
        long request = chain.readable(getattrRequest());
        chain.descriptor(0, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE | Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(request, GETATTR_REQUEST, 0, 0));
        return 0;
    }

    static int indirectBadLength(RawChain chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        long out = chain.writable(GETATTR_REPLY);
        long table = chain.indirectTable(List.of(
                new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1),
                new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0),
                new Descriptor(0, 0, 0, 0)));
        chain.descriptor(0, new Descriptor(table, 40, Descriptor.INDIRECT, 0));
        return 0;
    }

    static int nestedIndirect(RawChain chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        long out = chain.writable(GETATTR_REPLY);
        long inner = chain.indirectTable(List.of(
                new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1),
                new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0)));
        long outer = chain.indirectTable(List.of(new Descriptor(inner, 2 * Descriptor.SIZE, Descriptor.INDIRECT, 0)));
        chain.descriptor(0, new Descriptor(outer, Descriptor.SIZE, Descriptor.INDIRECT, 0));
        return 0;
    }

    /** The top of the last guest RAM region. */
    static long endOfRam(Frontend frontend) {
        List<GuestRegion> regions = frontend.memory().regions();
        GuestRegion last = regions.get(regions.size() - 1);
        return last.guestPhysAddr() + last.size();
    }

    /**
     * {@code verdict} if the daemon still serves; otherwise what {@link Expect#stillServing} says,
     * with the request's own outcome appended when that was not a crash.
     */
    static Verdict afterwards(ScenarioContext c, Verdict verdict) {
        Verdict alive = Expect.stillServing(c);
        if (alive == null) {
            return verdict;
        }
        return alive instanceof Verdict.Fail ? Verdict.fail(alive.detail() + " (the request itself: "
                + verdict.kind().label() + " " + verdict.detail() + ")") : alive;
    }
}
