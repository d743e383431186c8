package dev.vfc.session;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.DriverProfile;
import dev.vfc.driver.FuseRequest;
import dev.vfc.driver.InitGrant;
import dev.vfc.driver.ReplyArg;
import dev.vfc.driver.RequestLimits;
import dev.vfc.frontend.Completion;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.VirtQueue;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.CreateIn;
import dev.vfc.fuse.DirentStream;
import dev.vfc.fuse.Direntplus;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.ForgetIn;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseNames;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.FuseStruct;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.InitOut;
import dev.vfc.fuse.LinkIn;
import dev.vfc.fuse.MkdirIn;
import dev.vfc.fuse.MknodIn;
import dev.vfc.fuse.OpenIn;
import dev.vfc.fuse.OpenOut;
import dev.vfc.fuse.ReadIn;
import dev.vfc.fuse.ReleaseIn;
import dev.vfc.fuse.Rename2In;
import dev.vfc.fuse.StatfsOut;
import dev.vfc.fuse.WriteIn;
import dev.vfc.fuse.WriteOut;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed FUSE calls over a {@link Frontend}, each laid out the way the frontend's driver
 * profile lays requests out, each recorded in the {@link Transcript}. Requests carry uid 0,
 * gid 0, pid 1 and uniques from 1, as OVMF's do (FuseInit.c sets RequestId to 1 for INIT).
 */
public final class FuseSession {

    private final Frontend frontend;
    private final Transcript transcript = new Transcript();
    private long nextUnique = 1;
    private long sequence;
    private InitOut init;
    private int uid;
    private int gid;
    private int requestQueue = Frontend.REQUEST;
    private java.util.function.UnaryOperator<ChainLayout> reshape = java.util.function.UnaryOperator.identity();

    public FuseSession(Frontend frontend) {
        this.frontend = frontend;
    }

    public Transcript transcript() {
        return transcript;
    }

    public Frontend frontend() {
        return frontend;
    }

    public DriverProfile driver() {
        return frontend.driver();
    }

    /** Later requests carry these credentials (OVMF always sends 0/0; a Linux guest its caller's). */
    public FuseSession as(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    /**
     * Lays out the next request as the driver would, then passes the layout through
     * {@code change} (grow a buffer, move the chain into an indirect table, ...). One request
     * only; the one after is laid out normally again.
     */
    public FuseSession reshapeNext(java.util.function.UnaryOperator<ChainLayout> change) {
        this.reshape = change;
        return this;
    }

    /** Later requests go to request queue {@code n} (1-based). */
    public FuseSession onRequestQueue(int n) {
        frontend.requestQueue(n);
        this.requestQueue = n;
        return this;
    }

    /** FUSE_INIT with the driver's own body; the reply is remembered for READ sizing. */
    public FuseReply<InitOut> init() {
        return init(driver().initRequest(), driver().initBodySize());
    }

    /**
     * FUSE_INIT with a given body, {@code bodySize} bytes of it on the wire (16 before 7.36).
     * The reply buffer is sized for the reply a daemon owes that minor (FUSE_COMPAT_*_INIT_OUT_SIZE).
     */
    public FuseReply<InitOut> init(InitIn in, int bodySize) {
        ByteBuffer body = ByteBuffer.allocate(bodySize).order(ByteOrder.LITTLE_ENDIAN);
        in.encodeTo(body, bodySize);
        int replySize = InitOut.replySize(in.minor());
        FuseReply<InitOut> reply = call(FuseOpcode.INIT, 0, List.of(body.flip()), false,
                List.of(ReplyArg.fixed(replySize)), b -> InitOut.decode(b, Math.min(replySize, b.remaining())),
                in.toString());
        reply.body().ifPresent(out -> init = out);
        return reply;
    }

    public FuseReply<EntryOut> lookup(long parent, String name) {
        return call(FuseOpcode.LOOKUP, parent, List.of(names(name)), false,
                List.of(new ReplyArg(ReplyArg.Kind.ENTRY_OUT, EntryOut.SIZE)), EntryOut::decode, "\"" + name + "\"");
    }

    /** A GETATTR of {@code node} as {@link #getattr} sends it, for callers that put several in flight. */
    public FuseRequest getattrRequest(long node) {
        return request(FuseOpcode.GETATTR, node, List.of(encode(new GetattrIn(0, 0))),
                List.of(new ReplyArg(ReplyArg.Kind.ATTR_OUT, AttrOut.SIZE)));
    }

    public FuseReply<AttrOut> getattr(long node) {
        GetattrIn in = new GetattrIn(0, 0);
        return call(FuseOpcode.GETATTR, node, List.of(encode(in)), false,
                List.of(new ReplyArg(ReplyArg.Kind.ATTR_OUT, AttrOut.SIZE)), AttrOut::decode, in.toString());
    }

    public FuseReply<EntryOut> mkdir(long parent, String name, int mode) {
        return mkdir(parent, name, mode, 0);
    }

    /** MKDIR carrying the caller's {@code umask}, as Linux 6.1 sends it (fs/fuse/dir.c fuse_mkdir). */
    public FuseReply<EntryOut> mkdir(long parent, String name, int mode, int umask) {
        MkdirIn in = new MkdirIn(mode, umask);
        return entryCall(FuseOpcode.MKDIR, parent, List.of(encode(in), names(name)), in + " \"" + name + "\"");
    }

    public FuseReply<EntryOut> mknod(long parent, String name, int mode, int rdev) {
        return mknod(parent, name, mode, rdev, 0);
    }

    /** MKNOD carrying the caller's {@code umask} (fs/fuse/dir.c fuse_mknod). */
    public FuseReply<EntryOut> mknod(long parent, String name, int mode, int rdev, int umask) {
        MknodIn in = new MknodIn(mode, rdev, umask);
        return entryCall(FuseOpcode.MKNOD, parent, List.of(encode(in), names(name)), in + " \"" + name + "\"");
    }

    /** FUSE_SYMLINK: the body is the link's name, then its target (fs/fuse/dir.c fuse_symlink). */
    public FuseReply<EntryOut> symlink(long parent, String name, String target) {
        return entryCall(FuseOpcode.SYMLINK, parent, List.of(names(name, target)),
                "\"" + name + "\" -> \"" + target + "\"");
    }

    public FuseReply<EntryOut> link(long node, long newParent, String newName) {
        LinkIn in = new LinkIn(node);
        return entryCall(FuseOpcode.LINK, newParent, List.of(encode(in), names(newName)), in + " \"" + newName + "\"");
    }

    private FuseReply<EntryOut> entryCall(FuseOpcode opcode, long node, List<ByteBuffer> args, String body) {
        return call(opcode, node, args, false, List.of(new ReplyArg(ReplyArg.Kind.ENTRY_OUT, EntryOut.SIZE)),
                EntryOut::decode, body);
    }

    /** FUSE_CREATE: the reply is entry_out then open_out. */
    public FuseReply<Created> create(long parent, String name, int flags, int mode) {
        return create(parent, name, flags, mode, 0);
    }

    /** CREATE carrying the caller's {@code umask} (fs/fuse/dir.c fuse_create_open). */
    public FuseReply<Created> create(long parent, String name, int flags, int mode, int umask) {
        CreateIn in = new CreateIn(flags, mode, umask, 0);
        return call(FuseOpcode.CREATE, parent, List.of(encode(in), names(name)), false,
                List.of(new ReplyArg(ReplyArg.Kind.ENTRY_OUT, EntryOut.SIZE), ReplyArg.fixed(OpenOut.SIZE)),
                b -> new Created(EntryOut.decode(b), OpenOut.decode(b)), in + " \"" + name + "\"");
    }

    /** The two parts of a CREATE reply. */
    public record Created(EntryOut entry, OpenOut open) {
    }

    public FuseReply<WriteOut> write(long node, long fh, long offset, ByteBuffer data) {
        WriteIn in = new WriteIn(fh, offset, data.remaining(), 0, 0, 0);
        return call(FuseOpcode.WRITE, node, List.of(encode(in), data.duplicate()), true,
                List.of(ReplyArg.fixed(WriteOut.SIZE)), WriteOut::decode, in.toString());
    }

    public FuseReply<Void> unlink(long parent, String name) {
        return call(FuseOpcode.UNLINK, parent, List.of(names(name)), false, List.of(), b -> null, "\"" + name + "\"");
    }

    public FuseReply<Void> rmdir(long parent, String name) {
        return call(FuseOpcode.RMDIR, parent, List.of(names(name)), false, List.of(), b -> null, "\"" + name + "\"");
    }

    public FuseReply<Void> rename2(long parent, String name, long newParent, String newName, int flags) {
        Rename2In in = new Rename2In(newParent, flags);
        return call(FuseOpcode.RENAME2, parent, List.of(encode(in), names(name, newName)), false, List.of(),
                b -> null, in + " \"" + name + "\" -> \"" + newName + "\"");
    }

    public FuseReply<ByteBuffer> readlink(long node) {
        return call(FuseOpcode.READLINK, node, List.of(), false, List.of(ReplyArg.data(4096)),
                Function.identity(), "");
    }

    public FuseReply<StatfsOut> statfs(long node) {
        return call(FuseOpcode.STATFS, node, List.of(), false, List.of(ReplyArg.fixed(StatfsOut.SIZE)),
                StatfsOut::decode, "");
    }

    public FuseReply<Void> destroy() {
        return call(FuseOpcode.DESTROY, 0, List.of(), false, List.of(), b -> null, "");
    }

    public FuseReply<OpenOut> open(long node, int flags) {
        return openLike(FuseOpcode.OPEN, node, flags);
    }

    public FuseReply<OpenOut> opendir(long node) {
        return openLike(FuseOpcode.OPENDIR, node, 0);
    }

    private FuseReply<OpenOut> openLike(FuseOpcode opcode, long node, int flags) {
        OpenIn in = new OpenIn(flags, 0);
        return call(opcode, node, List.of(encode(in)), false, List.of(ReplyArg.fixed(OpenOut.SIZE)),
                OpenOut::decode, in.toString());
    }

    /** One FUSE_READ of {@code size} bytes; the reply body is the data the daemon returned. */
    public FuseReply<ByteBuffer> read(long node, long fh, long offset, int size) {
        ReadIn in = new ReadIn(fh, offset, size, 0, 0, 0);
        return call(FuseOpcode.READ, node, List.of(encode(in)), false, List.of(ReplyArg.data(size)),
                Function.identity(), in.toString());
    }

    /** What the last INIT reply granted that bounds request sizes ({@link InitGrant#NONE} before one). */
    public InitGrant grant() {
        return init == null ? InitGrant.NONE : InitGrant.of(init);
    }

    /** The largest requests this session's driver sends on this connection, as the driver computes them. */
    public RequestLimits limits() {
        return driver().limits(grant(), frontend.requestQueue().queueSize(), frontend.indirectNegotiated());
    }

    /** The largest READ this session's driver sends in one request on this connection. */
    public long maxReadSize() {
        return limits().maxRead();
    }

    /**
     * Reads {@code length} bytes from offset 0 the way this driver would: one READ of the whole
     * length for OVMF, READs of at most {@code max_pages} pages for Linux. A short read asks for
     * the rest, as OVMF does; an error or a zero-byte read ends it.
     *
     * @return every reply, in order; the data is their bodies concatenated
     */
    public List<FuseReply<ByteBuffer>> readWhole(long node, long fh, long length) {
        long chunk = maxReadSize();
        List<FuseReply<ByteBuffer>> replies = new ArrayList<>();
        long offset = 0;
        while (offset < length) {
            FuseReply<ByteBuffer> r = read(node, fh, offset, (int) Math.min(chunk, length - offset));
            replies.add(r);
            if (!r.isOk() || r.value().remaining() == 0) {
                break;
            }
            offset += r.value().remaining();
        }
        return replies;
    }

    /**
     * {@code size} bytes at {@code offset} as this driver asks for them: READs of at most
     * {@link #maxReadSize} bytes each, in order, as Linux 6.1 splits a read(2) it cannot send in one
     * request (fs/fuse/file.c {@code fuse_direct_io}: {@code nbytes = min(count, nmax)} per
     * request). It stops at an errno, an empty reply, or a short one (fs/fuse/file.c
     * {@code fuse_short_read}: Linux takes a short READ as the end of the file).
     *
     * @return every reply, in order
     */
    public List<FuseReply<ByteBuffer>> readAsDriver(long node, long fh, long offset, long size) {
        long chunk = maxReadSize();
        List<FuseReply<ByteBuffer>> replies = new ArrayList<>();
        for (long done = 0; done < size;) {
            int n = (int) Math.min(chunk, size - done);
            FuseReply<ByteBuffer> r = read(node, fh, offset + done, n);
            replies.add(r);
            if (!r.isOk() || r.value().remaining() < n) {
                break;
            }
            done += n;
        }
        return replies;
    }

    /**
     * {@code data} at {@code offset} as this driver writes it: WRITEs of at most the limit's
     * {@code maxWrite} bytes each (Linux 6.1 fs/fuse/file.c {@code fuse_fill_write_pages}, OVMF
     * SimpleFsWrite.c), in order; it stops at an errno or a short write.
     *
     * @return every reply, in order
     */
    public List<FuseReply<WriteOut>> writeAsDriver(long node, long fh, long offset, ByteBuffer data) {
        long chunk = Math.max(1, limits().maxWrite());
        List<FuseReply<WriteOut>> replies = new ArrayList<>();
        ByteBuffer rest = data.duplicate();
        while (rest.hasRemaining()) {
            int n = (int) Math.min(chunk, rest.remaining());
            long at = offset + (rest.position() - data.position());
            FuseReply<WriteOut> r = write(node, fh, at, rest.slice(rest.position(), n));
            replies.add(r);
            if (!r.isOk() || Integer.toUnsignedLong(r.value().size()) < n) {
                break;
            }
            rest.position(rest.position() + n);
        }
        return replies;
    }

    /** The bytes of successful replies, concatenated. */
    public static byte[] data(List<FuseReply<ByteBuffer>> replies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FuseReply<ByteBuffer> r : replies) {
            r.body().ifPresent(b -> {
                byte[] bytes = new byte[b.remaining()];
                b.duplicate().get(bytes);
                out.writeBytes(bytes);
            });
        }
        return out.toByteArray();
    }

    public FuseReply<List<Direntplus>> readdirplus(long node, long fh, long offset, int size) {
        ReadIn in = new ReadIn(fh, offset, size, 0, 0, 0);
        return call(FuseOpcode.READDIRPLUS, node, List.of(encode(in)), false, List.of(ReplyArg.data(size)),
                DirentStream::decodeAllPlus, in.toString());
    }

    public FuseReply<Void> release(long node, long fh) {
        return releaseLike(FuseOpcode.RELEASE, node, fh);
    }

    public FuseReply<Void> releasedir(long node, long fh) {
        return releaseLike(FuseOpcode.RELEASEDIR, node, fh);
    }

    private FuseReply<Void> releaseLike(FuseOpcode opcode, long node, long fh) {
        ReleaseIn in = new ReleaseIn(fh, 0, 0, 0);
        return call(opcode, node, List.of(encode(in)), false, List.of(), b -> null, in.toString());
    }

    /**
     * FUSE_FORGET has no reply, but the chain must still come back on the used ring (OVMF waits
     * for it with no timeout). Linux sends it on hiprio, OVMF on the request queue.
     */
    public Exchange forget(long node, long nlookup) {
        ForgetIn in = new ForgetIn(nlookup);
        FuseInHeader header = header(FuseOpcode.FORGET, node, ForgetIn.SIZE);
        FuseRequest request = new FuseRequest(encode(header), List.of(encode(in)), false, List.of());
        ChainLayout layout = driver().layoutWithoutReply(request);
        VirtQueue queue = frontend.hiprioQueue().orElse(queue());
        return exchange(queue, header, in.toString(), layout, (used, out) -> "no reply expected");
    }

    /**
     * A well-formed request for {@code opcode} with these encoded body arguments, laid out by
     * this session's driver: the starting point for scenarios that then alter the bytes or the
     * layout and send it with {@link #raw}.
     */
    public FuseRequest request(FuseOpcode opcode, long node, List<ByteBuffer> args, List<ReplyArg> reply) {
        int bodyLength = args.stream().mapToInt(ByteBuffer::remaining).sum();
        return new FuseRequest(encode(header(opcode, node, bodyLength)), args, false, reply);
    }

    /**
     * Sends a request exactly as given, laid out as given: for scenarios that need shapes no
     * well-behaved driver produces.
     */
    public Exchange raw(FuseInHeader header, String requestBody, ChainLayout layout) {
        return exchange(queue(), header, requestBody, layout, (used, out) -> "");
    }

    /** The next unique a request will carry. */
    public long peekUnique() {
        return nextUnique;
    }

    /** A header for a hand-built request, consuming a unique. */
    public FuseInHeader header(FuseOpcode opcode, long node, int bodyLength) {
        return FuseInHeader.of(opcode, FuseInHeader.SIZE + bodyLength, nextUnique++, node, uid, gid, 1);
    }

    /**
     * Any request, typed: {@code args} are the encoded body arguments in order ({@link #encode},
     * {@link #names}), {@code dataArg} marks the last one as bulk data (spread over pages by
     * Linux), {@code replyArgs} what the reply carries, and {@code decoder} reads the reply body
     * (positioned after the out-header). For the operations without a typed method here.
     */
    public <T> FuseReply<T> call(FuseOpcode opcode, long node, List<ByteBuffer> args, boolean dataArg,
            List<ReplyArg> replyArgs, Function<ByteBuffer, T> decoder, String requestBody) {
        int bodyLength = args.stream().mapToInt(ByteBuffer::remaining).sum();
        FuseInHeader header = header(opcode, node, bodyLength);
        FuseRequest request = new FuseRequest(encode(header), args, dataArg, replyArgs);
        ChainLayout layout = reshape.apply(driver().layout(request, frontend.indirectNegotiated()));
        reshape = java.util.function.UnaryOperator.identity();
        List<T> decoded = new ArrayList<>();
        Exchange e = exchange(queue(), header, requestBody, layout, (used, out) -> {
            if (out.isEmpty()) {
                return "<" + used.remaining() + " bytes, no out header>";
            }
            if (out.get().error() != 0) {
                return "";
            }
            try {
                T value = decoder.apply(used.duplicate().position(FuseOutHeader.SIZE).slice()
                        .order(ByteOrder.LITTLE_ENDIAN));
                decoded.add(value);
                return value == null ? "" : describeBody(value);
            } catch (RuntimeException ex) {
                return "<undecodable body: " + ex.getMessage() + ">";
            }
        });
        boolean ok = e.reply().map(h -> h.error() == 0).orElse(false) && !decoded.isEmpty();
        return new FuseReply<>(e.reply(), ok ? Optional.ofNullable(decoded.get(0)) : Optional.empty(), ok, e);
    }

    /** The queue a request goes to: the chosen request queue. */
    private VirtQueue queue() {
        return frontend.requestQueue(requestQueue);
    }

    /** How a reply reads in the transcript, given the used bytes (copied out once) and their out-header. */
    @FunctionalInterface
    private interface ReplyDescriber {
        String describe(ByteBuffer used, Optional<FuseOutHeader> out);
    }

    private Exchange exchange(VirtQueue queue, FuseInHeader header, String requestBody, ChainLayout layout,
            ReplyDescriber describeReply) {
        Completion completion = queue.submit(layout, frontend.options().requestTimeout());
        ByteBuffer used = completion.usedBytes();
        Optional<FuseOutHeader> out = used.remaining() >= FuseOutHeader.SIZE
                ? Optional.of(FuseOutHeader.decode(used.duplicate().order(ByteOrder.LITTLE_ENDIAN)))
                : Optional.empty();
        Exchange e = new Exchange(++sequence, queue.index(), header, requestBody, layout, completion, out,
                describeReply.describe(used, out));
        transcript.add(e);
        return e;
    }

    private static String describeBody(Object value) {
        if (value instanceof ByteBuffer b) {
            return "<" + b.remaining() + " data bytes>";
        }
        if (value instanceof List<?> list) {
            return list.size() + " entries " + (list.size() <= 4 ? list : list.subList(0, 4) + "...");
        }
        return value.toString();
    }

    /** Names as FUSE bodies carry them: each NUL-terminated, back to back. */
    public static ByteBuffer names(String... names) {
        ByteBuffer b = ByteBuffer.allocate(FuseNames.encodedLength(names)).order(ByteOrder.LITTLE_ENDIAN);
        FuseNames.encode(b, names);
        return b.flip();
    }

    /** One struct, encoded on its own, as one body argument. */
    public static ByteBuffer encode(FuseStruct struct) {
        ByteBuffer b = ByteBuffer.allocate(struct.wireSize()).order(ByteOrder.LITTLE_ENDIAN);
        struct.encodeTo(b);
        return b.flip();
    }
}
