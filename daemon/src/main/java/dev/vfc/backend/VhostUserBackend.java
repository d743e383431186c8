package dev.vfc.backend;

import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.SyscallException;
import dev.vfc.vhostuser.ProtocolFeatures;
import dev.vfc.vhostuser.VhostUserCodec;
import dev.vfc.vhostuser.VhostUserHeader;
import dev.vfc.vhostuser.VhostUserMessage;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserProtocolException;
import dev.vfc.vhostuser.VhostUserRequest;
import dev.vfc.vhostuser.VhostUserSocket;
import dev.vfc.vhostuser.VirtioFsConfig;
import dev.vfc.vhostuser.VirtioFeatures;
import dev.vfc.virtqueue.SplitQueueDevice;
import dev.vfc.virtqueue.SplitRingLayout;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The backend side of vhost-user for a virtio-fs device, as QEMU 7.2 drives one (vhost-user spec,
 * docs/interop/vhost-user.rst in QEMU 7.2): feature negotiation, guest memory by SET_MEM_TABLE or
 * ADD_MEM_REG, ring set-up, rings started by kick plus enable and stopped by GET_VRING_BASE,
 * restartable. A request it cannot honour is refused (a NACK when the frontend asked for one) and
 * the backend keeps serving: unlike the C and Rust daemons it does not exit on a protocol error. It
 * returns when the frontend disconnects.
 */
public final class VhostUserBackend implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VhostUserBackend.class.getName());

    static final long FEATURES = VirtioFeatures.VERSION_1 | VirtioFeatures.RING_INDIRECT_DESC
            | VirtioFeatures.RING_EVENT_IDX | VirtioFeatures.VHOST_USER_F_PROTOCOL_FEATURES;
    static final long PROTOCOL_FEATURES = ProtocolFeatures.MQ | ProtocolFeatures.REPLY_ACK
            | ProtocolFeatures.CONFIGURE_MEM_SLOTS;
    /** The largest ring we accept; the Rust virtiofsd raised its limit to this in 1.11 (issue #155). */
    static final int MAX_QUEUE_SIZE = SplitRingLayout.MAX_QUEUE_SIZE;

    /** Linux's errno numbers (asm-generic/errno-base.h, errno.h) for a peer that went away. */
    private static final int EPIPE = 32;
    private static final int ECONNRESET = 104;

    private final VhostUserSocket socket;
    private final RequestHandler handler;
    private final ExecutorService pool;
    private final List<Vring> vrings = new ArrayList<>();
    private final LiveMemory memory = new LiveMemory();
    private final CallFault callFault;
    /** {@code --tag}: the config space offered with PROTOCOL_F_CONFIG, or null (nothing offered). */
    private final VirtioFsConfig config;
    private final long protocolFeatures;
    private long ackedFeatures;
    private long ackedProtocolFeatures;

    /**
     * @param queues hiprio plus the request queues (virtio 1.3 §5.11.2)
     * @param pool   where requests run when a thread pool was asked for, or null to run them
     *               on each queue's own thread
     */
    public VhostUserBackend(VhostUserSocket socket, int queues, RequestHandler handler, ExecutorService pool) {
        this(socket, queues, handler, pool, CallFault.NONE);
    }

    /** As above, with used buffer notifications broken on purpose ({@link CallFault}), for testing the suite. */
    public VhostUserBackend(VhostUserSocket socket, int queues, RequestHandler handler, ExecutorService pool,
            CallFault callFault) {
        this(socket, queues, handler, pool, callFault, null);
    }

    /**
     * As above, offering VHOST_USER_PROTOCOL_F_CONFIG and answering GET_CONFIG with {@code config}
     * when it is not null, as the Rust virtiofsd 1.13 does with {@code --tag} (src/vhost_user.rs
     * {@code protocol_features}, {@code get_config}).
     */
    public VhostUserBackend(VhostUserSocket socket, int queues, RequestHandler handler, ExecutorService pool,
            CallFault callFault, VirtioFsConfig config) {
        this.config = config;
        this.protocolFeatures = PROTOCOL_FEATURES | (config != null ? ProtocolFeatures.CONFIG : 0);
        this.callFault = callFault;
        this.socket = socket;
        this.handler = handler;
        this.pool = pool;
        for (int i = 0; i < queues; i++) {
            vrings.add(new Vring(i));
        }
    }

    /**
     * Serves messages until the frontend closes the connection, which it may do at any point,
     * also between a request and its answer: a receive or send that finds it gone (EPIPE;
     * ECONNRESET when it closed with our answer unread) ends serving as end of file does.
     */
    public void serve() throws SyscallException {
        try {
            while (serveOne()) {
                // next message
            }
        } catch (SyscallException e) {
            if (e.errno() != EPIPE && e.errno() != ECONNRESET) {
                throw e;
            }
            LOG.info("frontend disconnected mid-request: " + e.getMessage());
        }
    }

    /** Receives and answers one message; false at end of file. */
    private boolean serveOne() throws SyscallException {
        VhostUserSocket.Frame frame;
        try {
            frame = socket.receiveFrame();
        } catch (EOFException e) {
            LOG.info("frontend disconnected");
            return false;
        } catch (VhostUserProtocolException e) {
            // The oversized payload was not read, so the stream is out of step: give up,
            // and say so in the exit status.
            LOG.severe("vhost-user stream unusable: " + e.getMessage());
            throw e;
        }
        VhostUserMessage message;
        try {
            message = frame.decode();
        } catch (VhostUserProtocolException e) {
            LOG.warning("malformed vhost-user message refused: " + e.getMessage());
            if (frame.header().needsReply()) {
                sendRaw(frame.header().request(), 1);
            }
            return true;
        }
        LOG.fine(() -> "vhost-user <- " + message);
        dispatch(message);
        return true;
    }

    /** Handles one message; its fds are closed unless a handler took them ({@link MessageFds}). */
    private void dispatch(VhostUserMessage message) throws SyscallException {
        VhostUserHeader header = message.header();
        var request = header.requestType();
        if (request.isEmpty()) {
            FileDescriptors.closeQuietly(message.fds());
            LOG.warning("unknown vhost-user request " + header.request());
            if (header.needsReply()) {
                sendRaw(header.request(), 1);
            }
            return;
        }
        Result result;
        // The fds no handler took are closed before the reply goes out, so a frontend that has
        // its answer also knows the backend holds nothing of the message it did not keep.
        try (MessageFds fds = new MessageFds(message.fds())) {
            result = resultOf(request.get(), message.payload(), fds);
        }
        reply(header, request.get(), result);
    }

    private Result resultOf(VhostUserRequest request, VhostUserPayload payload, MessageFds fds) {
        if (fds.count() > 0 && !request.requestMayCarryFds()) {
            // QEMU 7.2 docs/interop/vhost-user.rst names the messages that carry fds; on any
            // other an fd is a frontend bug, and keeping it would leak it.
            LOG.warning("vhost-user " + request + " refused: it carries no fds, and " + fds.count() + " came");
            return Result.FAILED;
        }
        try {
            return handle(request, payload, fds);
        } catch (RuntimeException | SyscallException e) {
            LOG.log(Level.WARNING, "vhost-user " + request + " failed: " + e.getMessage());
            return Result.FAILED;
        }
    }

    private void reply(VhostUserHeader header, VhostUserRequest request, Result result) throws SyscallException {
        if (result instanceof Result.Reply reply) {
            socket.send(VhostUserCodec.encodeReply(request, reply.payload()));
        } else if (header.needsReply() && hasProtocolFeature(ProtocolFeatures.REPLY_ACK)) {
            long status = result == Result.FAILED ? 1 : 0;
            socket.send(VhostUserCodec.encodeReply(request, new VhostUserPayload.U64(status)));
        } else if (result == Result.FAILED) {
            LOG.warning("vhost-user " + request + " refused (no reply was asked for)");
        }
    }

    /** What a request produced: its own reply payload, or just success or failure for REPLY_ACK. */
    private sealed interface Result {
        Result OK = new Done(true);
        Result FAILED = new Done(false);

        record Done(boolean ok) implements Result {
        }

        record Reply(VhostUserPayload payload) implements Result {
        }
    }

    private Result handle(VhostUserRequest request, VhostUserPayload payload, MessageFds fds) throws SyscallException {
        return switch (request) {
            case GET_FEATURES -> reply(FEATURES);
            case SET_FEATURES -> setFeatures(((VhostUserPayload.U64) payload).value());
            case GET_PROTOCOL_FEATURES -> reply(protocolFeatures);
            case GET_CONFIG -> getConfig((VhostUserPayload.Raw) payload);
            case SET_PROTOCOL_FEATURES -> setProtocolFeatures(((VhostUserPayload.U64) payload).value());
            case GET_QUEUE_NUM -> reply(vrings.size());
            case GET_MAX_MEM_SLOTS -> reply(MemoryTables.MAX_MEM_SLOTS);
            case SET_OWNER -> Result.OK;
            case RESET_OWNER, RESET_DEVICE -> resetDevice();
            case SET_MEM_TABLE -> changeMemory(MemoryTables.of((VhostUserPayload.MemoryTable) payload, fds));
            case ADD_MEM_REG -> changeMemory(MemoryTables.adding(memory.get(),
                    (VhostUserPayload.SingleMemoryRegion) payload, fds));
            case REM_MEM_REG -> changeMemory(MemoryTables.removing(memory.get(),
                    (VhostUserPayload.SingleMemoryRegion) payload));
            case SET_VRING_NUM -> setVringNum((VhostUserPayload.VringState) payload);
            case SET_VRING_ADDR -> setVringAddr((VhostUserPayload.VringAddress) payload);
            case SET_VRING_BASE -> setVringBase((VhostUserPayload.VringState) payload);
            case GET_VRING_BASE -> getVringBase((VhostUserPayload.VringState) payload);
            case SET_VRING_KICK -> setVringFd((VhostUserPayload.VringFile) payload, fds, Notifier.KICK);
            case SET_VRING_CALL -> setVringFd((VhostUserPayload.VringFile) payload, fds, Notifier.CALL);
            case SET_VRING_ERR -> setVringFd((VhostUserPayload.VringFile) payload, fds, Notifier.ERROR);
            case SET_VRING_ENABLE -> setVringEnable((VhostUserPayload.VringState) payload);
            // We never send backend-initiated requests (no DAX), so the channel is not kept.
            case SET_BACKEND_REQ_FD -> Result.OK;
            default -> {
                LOG.warning("vhost-user " + request + " is not supported");
                yield Result.FAILED;
            }
        };
    }

    /** GET_CONFIG: refused unless {@code --tag} offered PROTOCOL_F_CONFIG. */
    private Result getConfig(VhostUserPayload.Raw request) {
        if (config == null) {
            LOG.warning("GET_CONFIG without --tag: PROTOCOL_F_CONFIG was not offered");
            return Result.FAILED;
        }
        try {
            return new Result.Reply(new VhostUserPayload.Raw(config.answer(request.bytes())));
        } catch (IllegalArgumentException e) {
            LOG.warning("GET_CONFIG refused: " + e.getMessage());
            return Result.FAILED;
        }
    }

    private static Result reply(long value) {
        return new Result.Reply(new VhostUserPayload.U64(value));
    }

    private Result setFeatures(long features) {
        if ((features & ~FEATURES) != 0) {
            LOG.warning("SET_FEATURES acks features never offered: " + VirtioFeatures.describe(features & ~FEATURES));
            return Result.FAILED;
        }
        ackedFeatures = features;
        return Result.OK;
    }

    private Result setProtocolFeatures(long features) {
        if ((features & ~protocolFeatures) != 0) {
            LOG.warning("SET_PROTOCOL_FEATURES acks features never offered: "
                    + ProtocolFeatures.describe(features & ~protocolFeatures));
            return Result.FAILED;
        }
        ackedProtocolFeatures = features;
        return Result.OK;
    }

    /**
     * Installs a new memory table with every running ring stopped around the swap (each keeps
     * its base), so no worker reads through the old table when the mappings only it held are
     * unmapped; then starts again every ring the new table holds. A ring whose addresses the new
     * table lacks (REM_MEM_REG of the region it lives in) stays stopped until a table holds it.
     */
    private Result changeMemory(MappedGuestMemory next) {
        vrings.forEach(Vring::stop);
        memory.replace(next);
        vrings.forEach(this::maybeStart);
        return Result.OK;
    }

    private Result setVringNum(VhostUserPayload.VringState state) {
        Vring v = vring(state.index());
        int num = state.num();
        if (num <= 0 || num > MAX_QUEUE_SIZE || Integer.bitCount(num) != 1) {
            LOG.warning("SET_VRING_NUM " + num + " for queue " + v.index + ": not a power of two up to " + MAX_QUEUE_SIZE);
            return Result.FAILED;
        }
        v.num = num;
        return Result.OK;
    }

    /**
     * Refuses addresses the memory table does not hold whole, for the ring's size, as the Rust and
     * C daemons do at this message (QEMU sends the table first: hw/virtio/vhost.c
     * vhost_dev_start); a later table is checked again when the ring starts.
     */
    private Result setVringAddr(VhostUserPayload.VringAddress address) {
        Vring v = vring(address.index());
        int num = Math.max(v.num, 1);
        if (layoutIn(memory.get(), num, address.desc(), address.avail(), address.used()).isEmpty()) {
            LOG.warning("SET_VRING_ADDR for queue " + v.index + ": the memory table does not hold rings of size " + num
                    + " at " + address);
            return Result.FAILED;
        }
        v.descUva = address.desc();
        v.usedUva = address.used();
        v.availUva = address.avail();
        v.addressed = true;
        return Result.OK;
    }

    private Result setVringBase(VhostUserPayload.VringState state) {
        Vring v = vring(state.index());
        if (v.started()) {
            LOG.warning("SET_VRING_BASE on running queue " + v.index);
            return Result.FAILED;
        }
        v.base = state.num() & 0xFFFF;
        return Result.OK;
    }

    /** Stops the ring (vhost-user spec: "Ring states") and reports where it stopped. */
    private Result getVringBase(VhostUserPayload.VringState state) {
        Vring v = vring(state.index());
        v.stop();
        v.setKick(null);
        return new Result.Reply(new VhostUserPayload.VringState(v.index, v.base));
    }

    private enum Notifier { KICK, CALL, ERROR }

    private Result setVringFd(VhostUserPayload.VringFile file, MessageFds fds, Notifier which) {
        Vring v = vring(file.index());
        if (file.noFd() != (fds.count() == 0) || fds.count() > 1) {
            LOG.warning("SET_VRING_" + which + " for queue " + v.index + ": NOFD=" + file.noFd() + " with "
                    + fds.count() + " fds");
            return Result.FAILED;
        }
        EventFd fd = fds.count() == 1 ? EventFd.adopt(fds.take(0)) : null;
        switch (which) {
            case KICK -> {
                if (fd == null) {
                    LOG.warning("queue " + v.index + ": polling without a kick fd is not supported");
                    return Result.FAILED;
                }
                v.stop();
                v.setKick(fd);
                maybeStart(v);
            }
            case CALL -> v.setCall(fd);
            case ERROR -> v.setError(fd);
        }
        return Result.OK;
    }

    private Result setVringEnable(VhostUserPayload.VringState state) {
        Vring v = vring(state.index());
        v.enabled = state.num() == 1;
        if (v.enabled) {
            maybeStart(v);
        } else {
            v.stop();
        }
        return Result.OK;
    }

    private Result resetDevice() {
        vrings.forEach(Vring::stop);
        ackedFeatures = 0;
        return Result.OK;
    }

    /**
     * A ring starts once it has a size, addresses and a kick fd, guest memory holds it, and it
     * is enabled (or PROTOCOL_FEATURES was not negotiated, which makes rings start enabled).
     */
    private void maybeStart(Vring v) {
        boolean enabled = v.enabled || (ackedFeatures & VirtioFeatures.VHOST_USER_F_PROTOCOL_FEATURES) == 0;
        if (v.started() || !enabled || v.kick == null || !v.addressed || v.num == 0 || memory.get().isEmpty()) {
            return;
        }
        Optional<SplitRingLayout> rings = layoutIn(memory.get(), v.num, v.descUva, v.availUva, v.usedUva);
        if (rings.isEmpty()) {
            LOG.warning("queue " + v.index + ": the memory table does not hold its rings whole and aligned");
            v.error().ifPresent(Vring::signalQuietly);
            return;
        }
        SplitRingLayout layout = rings.get();
        boolean eventIdx = (ackedFeatures & VirtioFeatures.RING_EVENT_IDX) != 0;
        SplitQueueDevice device = new SplitQueueDevice(memory, layout, eventIdx, v.base);
        v.worker = new QueueWorker(v.index, device, memory, v.kick, callFault.notifier(v::call), v::error, handler,
                pool);
        v.worker.start();
        LOG.info("queue " + v.index + " started: size " + v.num + ", base " + v.base
                + (eventIdx ? ", event idx" : ""));
    }

    /**
     * The guest-physical layout of rings of {@code num} entries at these frontend addresses, when
     * {@code table} holds each whole and they are aligned as virtio 1.3 §2.7 requires; empty
     * otherwise. SET_VRING_ADDR and the start of a ring both ask.
     */
    private static Optional<SplitRingLayout> layoutIn(MappedGuestMemory table, int num, long descUva, long availUva,
            long usedUva) {
        var desc = table.guestAddressOf(descUva, SplitRingLayout.descTableSize(num));
        var avail = table.guestAddressOf(availUva, SplitRingLayout.availRingSize(num));
        var used = table.guestAddressOf(usedUva, SplitRingLayout.usedRingSize(num));
        if (desc.isEmpty() || avail.isEmpty() || used.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SplitRingLayout(num, desc.get(), avail.get(), used.get()));
        } catch (IllegalArgumentException misaligned) {
            return Optional.empty();
        }
    }

    private Vring vring(int index) {
        if (index < 0 || index >= vrings.size()) {
            throw new VhostUserProtocolException("queue index " + index + " out of range 0.." + (vrings.size() - 1));
        }
        return vrings.get(index);
    }

    private boolean hasProtocolFeature(long feature) {
        return (ackedProtocolFeatures & feature) != 0;
    }

    private void sendRaw(int requestCode, long status) throws SyscallException {
        VhostUserPayload.U64 payload = new VhostUserPayload.U64(status);
        socket.send(VhostUserCodec.encode(new VhostUserHeader(requestCode,
                VhostUserHeader.VERSION | VhostUserHeader.REPLY, payload.size()), payload));
    }

    /**
     * Ends the connection from another thread (a signal handler): {@link #serve} sees end of
     * file and returns, and the thread that called it tears down with {@link #close}, so nothing
     * is closed under a message being handled.
     */
    public void disconnect() {
        socket.shutdown();
    }

    /** Stops every ring, closes every notifier and unmaps guest memory. */
    @Override
    public void close() {
        vrings.forEach(Vring::closeAll);
        memory.unmapAll();
        socket.close();
    }
}
