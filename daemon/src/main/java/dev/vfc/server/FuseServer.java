package dev.vfc.server;

import dev.vfc.chain.ChainException;
import dev.vfc.chain.ChainReader;
import dev.vfc.chain.ChainWriter;
import dev.vfc.fs.FileSystem;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseDecodeException;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The FUSE server of the daemon: takes one request chain, validates it, calls the
 * {@link FileSystem}, and writes the reply or the errno. Every exception becomes an errno reply
 * here, in {@link #handle}, and nowhere else; nothing escapes it, so one bad request never stops
 * a queue worker.
 *
 * <p>Thread-safe: several queue workers may call {@link #handle} at once. The only shared state is
 * the session (set by INIT, cleared by DESTROY), see {@link SessionState}.
 *
 * <p>Validation, in this order, before the filesystem is called (each with its errno; the reasons
 * are in the package documentation):
 * <ol>
 * <li>a whole 40-byte fuse_in_header, else EINVAL;</li>
 * <li>{@code in_header.len} equal to the chain's readable bytes, else EINVAL;</li>
 * <li>request extensions ({@code total_extlen}) inside the body, else EINVAL;</li>
 * <li>INIT before anything else, else EIO;</li>
 * <li>an opcode we serve, else ENOSYS;</li>
 * <li>the body at least as long as the opcode's struct, else EINVAL;</li>
 * <li>room for the reply when its length is fixed, else E2BIG;</li>
 * <li>non-WRITE bodies of at most {@link #MAX_BODY}, else E2BIG;</li>
 * <li>then, per opcode: NUL-terminated names (EINVAL), {@link Names} rules, WRITE data length.</li>
 * </ol>
 */
public final class FuseServer {

    /**
     * The largest body of any request but WRITE. No well-formed one comes near it (names are at most
     * PATH_MAX, xattr values at most XATTR_SIZE_MAX = 64 KiB, a BATCH_FORGET fills one buffer), and
     * those bodies are copied to the heap, so a hostile {@code len} must not choose the allocation.
     */
    public static final int MAX_BODY = 1 << 20;

    private static final System.Logger LOG = System.getLogger(FuseServer.class.getName());

    private final SessionState state = new SessionState();
    private final Dispatcher dispatcher = new Dispatcher();

    public FuseServer(FileSystem fs, ServerOptions options) {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(options, "options");
        new SessionOps(fs, options, state).register(dispatcher);
        new EntryOps(fs).register(dispatcher);
        new AttrOps(fs).register(dispatcher);
        new FileOps(fs).register(dispatcher);
        new DirOps(fs).register(dispatcher);
        new XattrOps(fs).register(dispatcher);
    }

    /** With {@link ServerOptions#defaults()}. */
    public FuseServer(FileSystem fs) {
        this(fs, ServerOptions.defaults());
    }

    /** Whether a session is open: INIT succeeded and no DESTROY followed. */
    public boolean initialised() {
        return state.current() != null;
    }

    /**
     * Serves one request: reads it from {@code request}, writes the reply into {@code reply}.
     *
     * @return the bytes written, for the used ring's {@code len}: 0 for FORGET, BATCH_FORGET and
     *         INTERRUPT (which get no reply) and whenever fewer than 16 bytes are writable; 16 for an
     *         error. An unsigned 32-bit value: a READ reply above 2 GiB - 1 comes back negative, widen
     *         it with {@link Integer#toUnsignedLong}. Never throws.
     */
    public int handle(ChainReader request, ChainWriter reply) {
        Incoming in = new Incoming();
        try {
            Reply result = process(request, reply, in);
            return ReplyWriter.send(reply, in.unique, result);
        } catch (Throwable t) {
            return fail(reply, in, t);
        }
    }

    private Reply process(ChainReader request, ChainWriter reply, Incoming in) throws FsException {
        long readable = request.remaining();
        FuseInHeader header = readHeader(request, readable, in);
        if (Integer.toUnsignedLong(header.len()) != readable) {
            throw new Rejected(Errno.EINVAL, "in_header.len is " + Integer.toUnsignedString(header.len())
                    + " but the chain holds " + readable + " readable bytes");
        }
        long bodyLength = readable - FuseInHeader.SIZE;
        if (header.extensionLength() > bodyLength) {
            throw new Rejected(Errno.EINVAL, "total_extlen of " + header.extensionLength()
                    + " bytes is longer than the body (" + bodyLength + ")");
        }
        Session session = state.current();
        if (session == null && header.opcode() != FuseOpcode.INIT.code()) {
            throw new Rejected(Errno.EIO, "no session: FUSE_INIT must come first");
        }
        Route route = dispatcher.route(header.opcode());
        if (route == null) {
            throw new Rejected(Errno.ENOSYS, FuseOpcode.describe(header.opcode()) + " is not served");
        }
        // Extensions sit at the end of the body; we never negotiate one (SECURITY_CTX is withheld), so
        // any that arrive anyway are cut off and left unread.
        long structLength = bodyLength - header.extensionLength();
        if (structLength < route.minBody()) {
            throw new Rejected(Errno.EINVAL, route.opcode() + " body of " + structLength + " bytes, needs "
                    + route.minBody());
        }
        if (in.wantsReply && route.replyBody() != Route.VARIABLE
                && reply.remaining() < FuseOutHeader.SIZE + route.replyBody()) {
            throw new Rejected(Errno.E2BIG, route.opcode() + " reply of " + (FuseOutHeader.SIZE + route.replyBody())
                    + " bytes does not fit in " + reply.remaining() + " writable bytes");
        }
        if (route.streamsPayload()) {
            ByteBuffer body = readBody(request, route.minBody());
            return route.handler().handle(
                    new Request(header, session, body, request, structLength - route.minBody(), reply));
        }
        if (structLength > MAX_BODY) {
            throw new Rejected(Errno.E2BIG, route.opcode() + " body of " + structLength + " bytes is over "
                    + MAX_BODY);
        }
        return route.handler().handle(
                new Request(header, session, readBody(request, (int) structLength), request, 0, reply));
    }

    /**
     * Reads fuse_in_header. With fewer than 40 bytes the request cannot be served, but the first 16
     * may still say what it was: an opcode that expects no reply gets none, and the EINVAL reply
     * carries the {@code unique} when it is there (0 otherwise). Virtio hands a reply back with its
     * chain (the used ring names the chain's head, virtio 1.3 §2.7.8), so the driver learns which
     * request failed either way, instead of getting a used element with nothing in it.
     */
    private static FuseInHeader readHeader(ChainReader request, long readable, Incoming in) {
        if (readable < FuseInHeader.SIZE) {
            ByteBuffer partial = ByteBuffer.allocate((int) readable).order(ByteOrder.LITTLE_ENDIAN);
            request.read(partial);
            if (readable >= 8) {
                in.wantsReply = expectsReply(partial.getInt(4));
            }
            if (readable >= 16) {
                in.unique = partial.getLong(8);
            }
            throw new Rejected(Errno.EINVAL, "request of " + readable + " bytes is shorter than fuse_in_header ("
                    + FuseInHeader.SIZE + ")");
        }
        ByteBuffer b = RequestBuffers.ofThisThread().inHeader();
        request.read(b);
        FuseInHeader header = FuseInHeader.decode(b.flip());
        in.header = header;
        in.unique = header.unique();
        in.wantsReply = expectsReply(header.opcode());
        return header;
    }

    private static ByteBuffer readBody(ChainReader request, int length) {
        ByteBuffer body = RequestBuffers.ofThisThread().body(length);
        request.read(body);
        return body.flip();
    }

    /** FORGET and BATCH_FORGET (fuse.h), and INTERRUPT, which virtio-fs never answers. */
    private static boolean expectsReply(int opcode) {
        return opcode != FuseOpcode.FORGET.code() && opcode != FuseOpcode.BATCH_FORGET.code()
                && opcode != FuseOpcode.INTERRUPT.code();
    }

    /** The one place where exceptions become errnos. */
    private int fail(ChainWriter reply, Incoming in, Throwable t) {
        int errno;
        if (t instanceof Rejected r) {
            errno = r.errno().number();
            LOG.log(Level.DEBUG, () -> in.describe() + " rejected with " + r.errno() + ": " + r.getMessage());
        } else if (t instanceof FsException e) {
            errno = validErrno(e.errno(), in, t);
            LOG.log(Level.TRACE, () -> in.describe() + " failed with " + Errno.describe(-e.errno()) + ": "
                    + e.getMessage());
        } else if (t instanceof FuseDecodeException e) {
            errno = validErrno(e.errno(), in, t);
            LOG.log(Level.DEBUG, () -> in.describe() + " is malformed: " + e.getMessage());
        } else if (t instanceof ChainException e) {
            errno = Errno.EINVAL.number();
            LOG.log(Level.DEBUG, () -> in.describe() + " does not match its chain: " + e.getMessage());
        } else {
            errno = Errno.EIO.number();
            LOG.log(Level.WARNING, in.describe() + " failed unexpectedly; answering EIO", t);
        }
        return in.wantsReply ? ReplyWriter.error(reply, in.unique, errno) : 0;
    }

    /** Only 1..511 reach the guest (fs/fuse/dev.c rejects other values); anything else is our bug. */
    private static int validErrno(int errno, Incoming in, Throwable t) {
        if (Errno.isValidErrorField(-errno) && errno != 0) {
            return errno;
        }
        LOG.log(Level.WARNING, in.describe() + " failed with errno " + errno + ", which no guest accepts; answering EIO",
                t);
        return Errno.EIO.number();
    }

    /** What is known about the request so far, for the reply and the log. */
    private static final class Incoming {
        long unique;
        boolean wantsReply = true;
        FuseInHeader header;

        String describe() {
            return header != null ? "FUSE request " + header : "FUSE request (unique " + unique + ", no whole header)";
        }
    }
}
