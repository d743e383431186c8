package dev.vfc.frontend;

import dev.vfc.driver.DriverProfile;
import dev.vfc.memory.MemfdGuestMemory;
import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.ProtocolFeatures;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import dev.vfc.vhostuser.VirtioFeatures;
import dev.vfc.virtqueue.SplitRingLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fake vhost-user frontend that plays QEMU 7.2 with a vhost-user-fs-pci device: it owns guest RAM
 * (a memfd) and the split rings, and drives the daemon through exactly the message sequence QEMU
 * 7.2 sends (QEMU 7.2 hw/virtio/vhost-user.c, vhost.c, vhost-user-fs.c): device realize, then the
 * guest's DRIVER_OK.
 */
public final class Frontend implements AutoCloseable {

    /** Queue 0 is hiprio, queues 1..n the request queues: virtio 1.3 §5.11.2. */
    public static final int HIPRIO = 0;
    public static final int REQUEST = 1;
    private static final long RING_AREA = 1 << 20;

    private final VhostUserLink link;
    private final MemfdGuestMemory memory;
    private final DriverProfile driver;
    private final FrontendOptions options;
    private final List<VirtQueue> queues = new ArrayList<>();
    private final List<EventFd> maskedNotifiers = new ArrayList<>();
    private final List<EventFd> errorNotifiers = new ArrayList<>();
    private final int queueCount;
    private final java.util.Map<Integer, Integer> stoppedBases = new java.util.TreeMap<>();
    private final NotificationLog notifications = new NotificationLog();
    private UnixSocket backendChannel;
    private long offeredFeatures;
    private long offeredProtocolFeatures;
    private long protocolFeatures;
    private long ackedFeatures;
    private MemoryMode memoryModeUsed;

    private Frontend(VhostUserLink link, MemfdGuestMemory memory, DriverProfile driver, FrontendOptions options) {
        this.link = link;
        this.memory = memory;
        this.driver = driver;
        this.options = options;
        this.queueCount = 1 + options.requestQueues();
    }

    /**
     * Connects to a daemon's socket and brings the device up as QEMU 7.2 does when the guest
     * driver {@code driver} sets DRIVER_OK.
     */
    public static Frontend connect(Path socket, DriverProfile driver, FrontendOptions options, DaemonWatch watch)
            throws SyscallException {
        MemfdGuestMemory memory = options.twoRegions()
                ? MemfdGuestMemory.splitAt4GiB(2 * RING_AREA, options.memorySize())
                : MemfdGuestMemory.single(RING_AREA + options.memorySize());
        Frontend frontend;
        try {
            frontend = new Frontend(new VhostUserLink(UnixSocket.connect(socket), watch, options.requestTimeout()),
                    memory, driver, options);
        } catch (SyscallException | RuntimeException e) {
            memory.close();
            throw e;
        }
        try {
            frontend.realize(watch);
            frontend.start();
            return frontend;
        } catch (RuntimeException | SyscallException e) {
            frontend.close();
            throw e;
        }
    }

    /** vhost_dev_init / vhost_user_backend_init: what QEMU sends when the device is created. */
    private void realize(DaemonWatch watch) throws SyscallException {
        offeredFeatures = u64(link.call(VhostUserRequest.GET_FEATURES, new VhostUserPayload.Empty()));
        if ((offeredFeatures & VirtioFeatures.VHOST_USER_F_PROTOCOL_FEATURES) != 0) {
            offeredProtocolFeatures = u64(link.call(VhostUserRequest.GET_PROTOCOL_FEATURES,
                    new VhostUserPayload.Empty()));
            protocolFeatures = offeredProtocolFeatures & ProtocolFeatures.QEMU_7_2_MASK & ~ProtocolFeatures.CONFIG;
            if (options.memoryMode() == MemoryMode.SET_MEM_TABLE) {
                protocolFeatures &= ~ProtocolFeatures.CONFIGURE_MEM_SLOTS;
            }
            link.send(VhostUserRequest.SET_PROTOCOL_FEATURES, new VhostUserPayload.U64(protocolFeatures));
            if (has(ProtocolFeatures.MQ)) {
                long queueCount = u64(link.call(VhostUserRequest.GET_QUEUE_NUM, new VhostUserPayload.Empty()));
                if (queueCount < this.queueCount) {
                    throw new DaemonFailure.Misbehaved("GET_QUEUE_NUM says " + queueCount + " queues; this device needs "
                            + this.queueCount + " (hiprio plus " + options.requestQueues() + " request queues)");
                }
            }
            if (has(ProtocolFeatures.CONFIGURE_MEM_SLOTS)) {
                link.call(VhostUserRequest.GET_MAX_MEM_SLOTS, new VhostUserPayload.Empty());
            }
            if (has(ProtocolFeatures.BACKEND_REQ) && has(ProtocolFeatures.REPLY_ACK)) {
                UnixSocket[] pair = UnixSocket.pair();
                backendChannel = pair[0];
                try {
                    expectAck(VhostUserRequest.SET_BACKEND_REQ_FD, new VhostUserPayload.Empty(), pair[1].fd());
                } finally {
                    pair[1].close();
                }
            }
        }
        if (options.memoryMode() == MemoryMode.ADD_MEM_REG && !has(ProtocolFeatures.CONFIGURE_MEM_SLOTS)) {
            throw new IllegalStateException("ADD_MEM_REG requested but the daemon does not offer CONFIGURE_MEM_SLOTS");
        }
        link.send(VhostUserRequest.SET_OWNER, new VhostUserPayload.Empty());
        u64(link.call(VhostUserRequest.GET_FEATURES, new VhostUserPayload.Empty()));
        GuestAllocator allocator = new GuestAllocator(memory.regions(), RING_AREA);
        boolean eventIdx = (driverFeatures() & VirtioFeatures.RING_EVENT_IDX) != 0;
        long ringStride = (RING_AREA / queueCount) & ~4095L;
        for (int i = 0; i < queueCount; i++) {
            SplitRingLayout layout = SplitRingLayout.contiguous(options.queueSize(), i * ringStride);
            queues.add(new VirtQueue(i, memory, layout, allocator, eventIdx, driver.polls(), options.ringBase(), watch,
                    notifications));
            EventFd masked = EventFd.create();
            EventFd error = EventFd.create();
            maskedNotifiers.add(masked);
            errorNotifiers.add(error);
            link.send(VhostUserRequest.SET_VRING_CALL, new VhostUserPayload.VringFile(i, false), masked.fd());
            link.send(VhostUserRequest.SET_VRING_ERR, new VhostUserPayload.VringFile(i, false), error.fd());
        }
    }

    /** The virtio features the guest driver acks: its profile's choice, less what the options withhold. */
    private long driverFeatures() {
        return driver.ackedFeatures(offeredFeatures) & ~options.withheldFeatures();
    }

    /** vuf_start / vhost_dev_start: what QEMU sends when the guest sets DRIVER_OK. */
    private void start() {
        ackedFeatures = driverFeatures() | (offeredFeatures & VirtioFeatures.VHOST_USER_F_PROTOCOL_FEATURES);
        link.send(VhostUserRequest.SET_FEATURES, new VhostUserPayload.U64(ackedFeatures));
        sendMemory();
        for (VirtQueue q : startedQueues()) {
            startRing(q, options.ringBase());
        }
        enableRingsAndUnmaskCalls();
    }

    /**
     * The end of vhost_dev_start: SET_VRING_ENABLE 1 for every queue, then SET_VRING_CALL with
     * the guest notifier (vuf_start unmasking), then a barrier before the guest's first kick.
     */
    private void enableRingsAndUnmaskCalls() {
        for (VirtQueue q : queues) {
            link.send(VhostUserRequest.SET_VRING_ENABLE, new VhostUserPayload.VringState(q.index(), 1));
        }
        for (VirtQueue q : queues) {
            link.send(VhostUserRequest.SET_VRING_CALL, new VhostUserPayload.VringFile(q.index(), false), q.callFd().fd());
        }
        barrier();
    }

    /**
     * Waits until the daemon has handled every message sent so far, with a GET_FEATURES round
     * trip (what QEMU's {@code enforce_reply} sends as a barrier). In a VM the guest's first
     * kick comes milliseconds after SET_VRING_ENABLE; here it comes at once, and a daemon that
     * has not yet enabled the ring may drop it (the Rust virtiofsd does, now and then).
     */
    private void barrier() {
        u64(link.call(VhostUserRequest.GET_FEATURES, new VhostUserPayload.Empty()));
    }

    private void sendMemory() {
        List<VhostUserPayload.MemoryRegion> regions = memory.regions().stream().map(VhostUserPayload.MemoryRegion::of).toList();
        if (has(ProtocolFeatures.CONFIGURE_MEM_SLOTS)) {
            memoryModeUsed = MemoryMode.ADD_MEM_REG;
            for (VhostUserPayload.MemoryRegion r : regions) {
                sendMaybeAcked(VhostUserRequest.ADD_MEM_REG, new VhostUserPayload.SingleMemoryRegion(r), memory.fd());
            }
        } else {
            memoryModeUsed = MemoryMode.SET_MEM_TABLE;
            int[] fds = regions.stream().mapToInt(r -> memory.fd()).toArray();
            sendMaybeAcked(VhostUserRequest.SET_MEM_TABLE, new VhostUserPayload.MemoryTable(regions), fds);
        }
    }

    private void startRing(VirtQueue q, int base) {
        ringStart(q, base).forEach(m -> link.send(m.request(), m.payload(), m.fds()));
    }

    /** What vhost_virtqueue_start sends to start {@code q} at {@code base}: NUM, BASE, ADDR, KICK. */
    List<RingMessage> ringStart(VirtQueue q, int base) {
        SplitRingLayout l = q.layout();
        return List.of(
                new RingMessage(VhostUserRequest.SET_VRING_NUM, new VhostUserPayload.VringState(q.index(), l.queueSize())),
                new RingMessage(VhostUserRequest.SET_VRING_BASE, new VhostUserPayload.VringState(q.index(), base)),
                new RingMessage(VhostUserRequest.SET_VRING_ADDR, new VhostUserPayload.VringAddress(q.index(), 0,
                        memory.userspaceAddress(l.descTable()), memory.userspaceAddress(l.usedRing()),
                        memory.userspaceAddress(l.availRing()), l.usedRing())),
                new RingMessage(VhostUserRequest.SET_VRING_KICK, new VhostUserPayload.VringFile(q.index(), false),
                        q.kickFd().fd()));
    }

    /** QEMU skips a queue whose descriptor address the guest never set: OVMF never sets up hiprio. */
    private List<VirtQueue> startedQueues() {
        return driver.usesHiprio() ? queues : queues.subList(REQUEST, queueCount);
    }

    /**
     * Stops every started ring as vhost_dev_stop does: SET_VRING_ENABLE 0 for each queue, then
     * GET_VRING_BASE for each started one (which the spec says stops it).
     *
     * @return the next avail index each stopped ring reported
     */
    public java.util.Map<Integer, Integer> stopRings() {
        for (VirtQueue q : queues) {
            link.send(VhostUserRequest.SET_VRING_ENABLE, new VhostUserPayload.VringState(q.index(), 0));
        }
        stoppedBases.clear();
        for (VirtQueue q : startedQueues()) {
            VhostUserPayload reply = link.call(VhostUserRequest.GET_VRING_BASE,
                    new VhostUserPayload.VringState(q.index(), 0));
            if (!(reply instanceof VhostUserPayload.VringState state) || state.index() != q.index()) {
                throw new DaemonFailure.Misbehaved("GET_VRING_BASE " + q.index() + " answered " + reply);
            }
            stoppedBases.put(q.index(), state.num());
        }
        return java.util.Map.copyOf(stoppedBases);
    }

    /**
     * Starts the rings again as vhost_dev_start does after a stop: SET_FEATURES, then for each
     * ring NUM, BASE (the index GET_VRING_BASE reported), ADDR and KICK, then ENABLE and CALL.
     * Guest memory is unchanged, so QEMU 7.2 sends no memory message.
     */
    public void restartRings() {
        restartRings((q, start) -> false);
    }

    /**
     * {@link #restartRings()}, but {@code sendsItself} may send a queue's start messages its own
     * way instead (and returns true when it did): how {@link HostileChannel} rewrites one.
     */
    void restartRings(java.util.function.BiPredicate<VirtQueue, List<RingMessage>> sendsItself) {
        link.send(VhostUserRequest.SET_FEATURES, new VhostUserPayload.U64(ackedFeatures));
        for (VirtQueue q : startedQueues()) {
            List<RingMessage> start = ringStart(q, stoppedBases.getOrDefault(q.index(), 0));
            if (!sendsItself.test(q, start)) {
                start.forEach(m -> link.send(m.request(), m.payload(), m.fds()));
            }
        }
        enableRingsAndUnmaskCalls();
    }

    /**
     * A device reset and re-initialisation, as a guest does to recover from a device error
     * (virtio 1.3 §2.1.2, §3.1.1): the rings are stopped (vhost_dev_stop), the driver zeroes
     * them and starts over at index 0, and QEMU starts them again at base 0. The FUSE session
     * is the daemon's and is left alone. Chains in flight are forgotten.
     */
    public void resetDevice() {
        stopRings();
        queues.forEach(VirtQueue::reset);
        stoppedBases.clear();
        restartRings();
    }

    /** The socket for messages QEMU never sends. */
    public HostileChannel hostile() {
        return new HostileChannel(this, link);
    }

    /** Sends SET_VRING_CALL again for every queue with a fresh eventfd, as an MSI-X mask/unmask does. */
    public void renewCallNotifiers() throws SyscallException {
        for (VirtQueue q : queues) {
            EventFd fresh = q.replaceCallFd();
            link.send(VhostUserRequest.SET_VRING_CALL, new VhostUserPayload.VringFile(q.index(), false), fresh.fd());
        }
        barrier();
    }

    private void sendMaybeAcked(VhostUserRequest request, VhostUserPayload payload, int... fds) {
        if (has(ProtocolFeatures.REPLY_ACK)) {
            expectAck(request, payload, fds);
        } else {
            link.send(request, payload, fds);
        }
    }

    private void expectAck(VhostUserRequest request, VhostUserPayload payload, int... fds) {
        long status = link.sendAcked(request, payload, fds);
        if (status != 0) {
            throw new DaemonFailure.Misbehaved(request + " was refused (REPLY_ACK status " + status + ")");
        }
    }

    private boolean has(long protocolFeature) {
        return (protocolFeatures & protocolFeature) != 0;
    }

    private static long u64(VhostUserPayload payload) {
        if (payload instanceof VhostUserPayload.U64 v) {
            return v.value();
        }
        throw new DaemonFailure.Misbehaved("expected a u64 reply, got " + payload);
    }

    public VirtQueue requestQueue() {
        return queues.get(REQUEST);
    }

    /** Request queue {@code n} (1-based, as FUSE request queue numbers are: queue index n). */
    public VirtQueue requestQueue(int n) {
        if (n < 1 || n >= queueCount) {
            throw new IllegalArgumentException("request queue " + n + " of " + (queueCount - 1));
        }
        return queues.get(n);
    }

    /** The hiprio queue, if this driver uses it (Linux does, for FORGET; OVMF does not). */
    public Optional<VirtQueue> hiprioQueue() {
        return driver.usesHiprio() ? Optional.of(queues.get(HIPRIO)) : Optional.empty();
    }

    public DriverProfile driver() {
        return driver;
    }

    public FrontendOptions options() {
        return options;
    }

    public MemfdGuestMemory memory() {
        return memory;
    }

    /** Used elements, on any queue, that came without the notification the ring's state required. */
    public NotificationLog notifications() {
        return notifications;
    }

    public MemoryMode memoryModeUsed() {
        return memoryModeUsed;
    }

    public boolean indirectNegotiated() {
        return (ackedFeatures & VirtioFeatures.RING_INDIRECT_DESC) != 0;
    }

    /** Closes the socket (the daemons exit when their one frontend goes) and frees guest RAM. */
    /**
     * Goes away as a crashed or killed QEMU does: the vhost-user connection is shut down, and
     * nothing else is sent or released (the guest's memory stays mapped, as it would until the
     * daemon unmaps it). {@link #close} still releases everything afterwards.
     */
    public void disconnect() {
        link.shutdown();
    }

    @Override
    public void close() {
        link.close();
        if (backendChannel != null) {
            backendChannel.close();
        }
        queues.forEach(VirtQueue::close);
        maskedNotifiers.forEach(EventFd::close);
        errorNotifiers.forEach(EventFd::close);
        memory.close();
    }
}
