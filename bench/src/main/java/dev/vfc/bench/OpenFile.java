package dev.vfc.bench;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.FuseRequest;
import dev.vfc.driver.ReplyArg;
import dev.vfc.frontend.Completion;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.VirtQueue;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.ReadIn;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The benchmark file as one daemon session sees it: mounted (INIT), looked up and opened with
 * the session's typed calls, then read and stat'ed in a loop.
 *
 * <p>The loop's requests bypass {@link FuseSession}'s typed calls on purpose: those record
 * every exchange, with a copy of every reply, in the session's transcript, which at a GiB per
 * second of READs would fill the heap in seconds. Here each request is laid out by the same
 * driver profile and sent on the same queue, its reply is checked (out-header, length, and
 * on request the bytes themselves), and then it is dropped.
 */
final class OpenFile {

    private static final long ROOT = 1;

    private final FuseSession fuse;
    private final Frontend frontend;
    private final BenchFile file;
    private final long node;
    private final long fh;
    private long inFlightNanos;

    private OpenFile(FuseSession fuse, BenchFile file, long node, long fh) {
        this.fuse = fuse;
        this.frontend = fuse.frontend();
        this.file = file;
        this.node = node;
        this.fh = fh;
    }

    /** INIT, LOOKUP and OPEN (read-only) with the session's own calls, which throw on a failure. */
    static OpenFile open(FuseSession fuse, BenchFile file) {
        fuse.init().value();
        EntryOut entry = fuse.lookup(ROOT, BenchFile.NAME).value();
        if (entry.attr().size() != file.size()) {
            throw new BenchmarkFailure("LOOKUP says the file has " + entry.attr().size() + " bytes, not "
                    + file.size());
        }
        long fh = fuse.open(entry.nodeid(), 0).value().fh();
        return new OpenFile(fuse, file, entry.nodeid(), fh);
    }

    /** The largest READ this session's driver would send, given what INIT granted. */
    long driverMaxRead() {
        return fuse.maxReadSize();
    }

    /**
     * Total time requests spent published and not yet used, as the frontend saw it. Against
     * wall time it shows how much of a rate is the daemon's and how much is the frontend's own
     * per-request work (laying out the chain, checking the reply header), which is the same
     * for every daemon and so pulls ratios towards 1.
     */
    long inFlightNanos() {
        return inFlightNanos;
    }

    long fileSize() {
        return file.size();
    }

    /**
     * One READ of {@code size} bytes at {@code offset}, which must lie wholly inside the file
     * so that anything short of {@code size} bytes is a daemon's fault.
     *
     * @param verify also compare the bytes with the file's (costs a copy; for the first READ)
     */
    void read(long offset, int size, boolean verify) {
        Completion c = send(() -> readRequest(offset, size), size, "READ " + size + " at " + offset,
                verify ? VirtQueue.Capture.ALL : VirtQueue.Capture.HEADER);
        if (verify) {
            verifyData(c, offset, size);
        }
    }

    /** One GETATTR of the file. */
    void getattr() {
        send(() -> fuse.getattrRequest(node), AttrOut.SIZE, "GETATTR", VirtQueue.Capture.HEADER);
    }

    /**
     * {@code offsets.length} READs of {@code size} bytes in flight together on the request
     * queue, each reply checked by its own unique; tells {@code latency} each one's time.
     */
    void readAll(long[] offsets, int size, LongConsumer latency) {
        sendAll(offsets.length, i -> readRequest(offsets[i], size), size, "READ " + size + " x" + offsets.length,
                latency);
    }

    /** {@code n} GETATTRs of the file in flight together. */
    void getattrAll(int n, LongConsumer latency) {
        sendAll(n, i -> fuse.getattrRequest(node), AttrOut.SIZE, "GETATTR x" + n, latency);
    }

    private FuseRequest readRequest(long offset, int size) {
        return fuse.request(FuseOpcode.READ, node, List.of(FuseSession.encode(new ReadIn(fh, offset, size, 0, 0, 0))),
                List.of(ReplyArg.data(size)));
    }


    private void sendAll(int n, java.util.function.IntFunction<FuseRequest> request, int bodySize, String what,
            LongConsumer latency) {
        List<ChainLayout> layouts = new ArrayList<>();
        List<Long> uniques = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            uniques.add(fuse.peekUnique());
            layouts.add(fuse.driver().layout(request.apply(i), frontend.indirectNegotiated()));
        }
        List<Completion> done = frontend.requestQueue().submitAll(layouts, frontend.options().requestTimeout(),
                VirtQueue.Capture.HEADER);
        for (int i = 0; i < done.size(); i++) {
            Completion c = done.get(i);
            latency.accept(c.nanos());
            checkReply(c, uniques.get(i), FuseOutHeader.SIZE + bodySize, what);
        }
        inFlightNanos += done.stream().mapToLong(Completion::nanos).max().orElse(0);
    }

    /** RELEASE, so the daemon closes its descriptor before the session ends. */
    void release() {
        fuse.release(node, fh);
    }

    private Completion send(java.util.function.Supplier<FuseRequest> build, int bodySize, String what,
            VirtQueue.Capture capture) {
        long unique = fuse.peekUnique();
        FuseRequest request = build.get();
        ChainLayout layout = fuse.driver().layout(request, frontend.indirectNegotiated());
        Completion c = frontend.requestQueue().submit(layout, frontend.options().requestTimeout(), capture);
        inFlightNanos += c.nanos();
        checkReply(c, unique, FuseOutHeader.SIZE + bodySize, what);
        return c;
    }

    private static void checkReply(Completion c, long unique, int expectedLen, String what) {
        long used = Integer.toUnsignedLong(c.usedLen());
        if (used < FuseOutHeader.SIZE || c.writable().isEmpty() || c.writable().get(0).remaining() < FuseOutHeader.SIZE) {
            throw new BenchmarkFailure(what + ": used.len " + used + ", no FUSE out-header");
        }
        FuseOutHeader out = FuseOutHeader.decode(c.writable().get(0).duplicate().order(ByteOrder.LITTLE_ENDIAN));
        if (out.error() != 0) {
            throw new BenchmarkFailure(what + ": " + Errno.describe(out.error()));
        }
        if (out.unique() != unique) {
            throw new BenchmarkFailure(what + ": out.unique " + out.unique() + " does not echo " + unique);
        }
        if (used != expectedLen || Integer.toUnsignedLong(out.len()) != expectedLen) {
            throw new BenchmarkFailure(what + ": used.len " + used + ", out.len " + Integer.toUnsignedLong(out.len())
                    + ", expected " + expectedLen);
        }
    }

    private void verifyData(Completion c, long offset, int size) {
        ByteBuffer used = c.usedBytes();
        used.position(FuseOutHeader.SIZE);
        byte[] data = new byte[size];
        used.get(data);
        if (!file.matches(offset, data)) {
            throw new BenchmarkFailure("READ " + size + " at " + offset + " returned bytes that are not the file's");
        }
    }
}
