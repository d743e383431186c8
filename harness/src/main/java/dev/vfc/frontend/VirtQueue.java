package dev.vfc.frontend;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.Segment;
import dev.vfc.memory.GuestMemory;
import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.SyscallException;
import dev.vfc.virtqueue.Descriptor;
import dev.vfc.virtqueue.SplitQueueDriver;
import dev.vfc.virtqueue.SplitRingLayout;
import dev.vfc.virtqueue.UsedElement;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The driver's side of one split virtqueue: lays a {@link ChainLayout} into guest memory,
 * publishes it, kicks, and waits for the used element under a deadline while watching the
 * daemon's health. One chain is in flight at a time, as in OVMF and in a synchronous Linux
 * request ({@link #submit}), or several at once, published together and completed in whatever
 * order the daemon uses them, as Linux's virtio-fs driver keeps a queue full under parallel
 * I/O ({@link #submitAll}).
 *
 * <p>Each completion records whether the daemon owed a used buffer notification and whether
 * the call eventfd fired for it ({@link Notification}): the call eventfd is drained before the
 * chain is published, a signal counts only once the used element is visible, and when the
 * element shows up first the frontend waits up to {@link #NOTIFICATION_GRACE} for the signal.
 * A conforming daemon signals right after publishing, so that wait is short; only a daemon
 * that never signals pays it in full.
 */
public final class VirtQueue implements AutoCloseable {

    private static final byte POISON = (byte) 0xA5;
    private static final int VRING_AVAIL_F_NO_INTERRUPT = 1;
    private static final Duration HEALTH_CHECK = Duration.ofMillis(100);
    /**
     * How long after seeing a used element the frontend still accepts its notification. A
     * daemon thread descheduled between the used.idx store and the eventfd write on a loaded
     * two-core machine can take milliseconds; a guest would wait forever, so this only bounds
     * how long the harness waits before recording "not notified".
     */
    public static final Duration NOTIFICATION_GRACE = Duration.ofMillis(200);

    private final int index;
    private final GuestMemory memory;
    private final SplitRingLayout layout;
    private final SplitQueueDriver driver;
    private final GuestAllocator allocator;
    private final EventFd kick;
    private volatile EventFd call;
    private final boolean polling;
    private final boolean eventIdx;
    private final DaemonWatch watch;
    private final NotificationLog notifications;

    VirtQueue(int index, GuestMemory memory, SplitRingLayout layout, GuestAllocator allocator, boolean eventIdx,
            boolean polling, int ringBase, DaemonWatch watch, NotificationLog notifications) throws SyscallException {
        this.index = index;
        this.memory = memory;
        this.layout = layout;
        this.allocator = allocator;
        this.eventIdx = eventIdx;
        this.polling = polling;
        this.watch = watch;
        this.notifications = notifications;
        this.driver = new SplitQueueDriver(memory, layout, eventIdx, ringBase);
        if (eventIdx) {
            leaveAvailEvent(ringBase);
        }
        this.kick = EventFd.create();
        this.call = EventFd.create();
        if (polling) {
            driver.setAvailFlags(VRING_AVAIL_F_NO_INTERRUPT);
        }
    }

    public int index() {
        return index;
    }

    /**
     * Writes avail_event as the device that used this ring before would have left it: asking
     * for a kick at the next chain (virtio 1.3 §2.7.10). A fresh ring has 0 there already; a
     * ring handed over at another index with 0 would tell this driver not to kick, and a
     * daemon that waits for the kick would never see the first request.
     */
    private void leaveAvailEvent(int ringBase) {
        int at = (int) (4 + UsedElement.SIZE * (long) layout.queueSize());
        memory.slice(layout.usedRing() + at, 2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) ringBase);
    }

    public SplitRingLayout layout() {
        return layout;
    }

    /** Zeroes the rings and starts both indices at 0, as the guest does when it re-initialises the device. */
    void reset() {
        driver.reset();
        if (polling) {
            driver.setAvailFlags(VRING_AVAIL_F_NO_INTERRUPT);
        }
    }

    /** used.idx as the daemon last published it. */
    public int usedIdx() {
        return driver.usedIdx();
    }

    /**
     * Makes {@code head} available {@code times} times with one move of avail.idx, kicks and
     * returns without waiting: with {@code times} past the queue size, the avail index a hostile
     * driver moves further than the ring holds. Call {@link Frontend#resetDevice()} before using
     * the queue again.
     */
    public void publishRepeatedly(int head, int times) {
        synchronized (allocator) {
            driver.publishAtOnce(head, times);
            signal(kick);
        }
    }

    /** Signals the kick eventfd, whatever the ring holds. */
    public void kick() {
        signal(kick);
    }

    EventFd kickFd() {
        return kick;
    }

    EventFd callFd() {
        return call;
    }

    /** Swaps in a new call notifier (as QEMU does when the guest masks or unmasks its MSI-X vector). */
    EventFd replaceCallFd() throws SyscallException {
        EventFd old = call;
        call = EventFd.create();
        old.close();
        return call;
    }

    public int queueSize() {
        return layout.queueSize();
    }

    /**
     * Lays out, publishes and waits for one chain.
     *
     * @throws DaemonFailure when the daemon dies or the deadline passes
     */
    public Completion submit(ChainLayout chain, Duration timeout) {
        return submit(chain, timeout, Capture.ALL);
    }

    /**
     * How much of the writable buffers a submit prepares and brings back. Poisoning every
     * writable byte and copying it all out is what makes replies checkable; a benchmark that
     * checks only the header would otherwise measure the frontend's memset and copy.
     */
    public enum Capture {
        /** Poison every writable buffer and return copies of all of them. */
        ALL,
        /** Poison and return only the first writable buffer (the reply header). */
        HEADER
    }

    public Completion submit(ChainLayout chain, Duration timeout, Capture capture) {
        // Queues share the guest's bounce area, so chains are laid out one at a time.
        synchronized (allocator) {
            return submitAlone(chain, timeout, capture);
        }
    }

    private Completion submitAlone(ChainLayout chain, Duration timeout, Capture capture) {
        Batch one = layOut(List.of(chain), capture);
        return publishAndWait(one.heads().get(0), one.copyAddresses().get(0), one.copyLengths().get(0), polling,
                timeout);
    }

    /**
     * Lays out all of {@code chains} at once (each its own head, descriptors never shared),
     * publishes them together with one kick, and waits until the daemon has used every one,
     * in any order. Completions come back in the order of {@code chains}, matched by the used
     * element's id. The notification recorded for each is the batch's: whether the call
     * eventfd fired while the batch was outstanding, against the state of the last element.
     *
     * @throws IllegalArgumentException when the chains need more descriptors than the queue has
     * @throws DaemonFailure when the daemon dies or the deadline passes before all are used
     */
    public List<Completion> submitAll(List<ChainLayout> chains, Duration timeout, Capture capture) {
        synchronized (allocator) {
            return publishAllAndWait(layOut(chains, capture), timeout);
        }
    }

    /**
     * Lays out and publishes {@code chains} with one kick, and returns without waiting: for
     * scenarios that leave requests outstanding (a frontend that goes away mid-request).
     */
    public void publishAndLeave(List<ChainLayout> chains) {
        synchronized (allocator) {
            drainCall();
            publishAll(layOut(chains, Capture.HEADER).heads());
        }
    }

    /** Chains laid out for one batch: their heads, and the writable buffers to copy back of each. */
    private record Batch(List<Integer> heads, List<List<Long>> copyAddresses, List<List<Integer>> copyLengths) {
    }

    private Batch layOut(List<ChainLayout> chains, Capture capture) {
        allocator.reset();
        List<Integer> heads = new ArrayList<>();
        List<List<Long>> copyAddresses = new ArrayList<>();
        List<List<Integer>> copyLengths = new ArrayList<>();
        int next = 0;
        for (ChainLayout chain : chains) {
            List<Long> addresses = place(chain, capture);
            List<Descriptor> descriptors = descriptorsFor(chain, addresses, chain.indirect() ? 0 : next);
            int needed = chain.indirect() ? 1 : descriptors.size();
            if (next + needed > layout.queueSize()) {
                throw new IllegalArgumentException(chains.size() == 1
                        ? "a direct chain of " + needed + " descriptors does not fit a queue of " + layout.queueSize()
                        : chains.size() + " chains need more than the " + layout.queueSize()
                                + " descriptors of the queue");
            }
            if (chain.indirect()) {
                long table = allocator.allocate((long) descriptors.size() * Descriptor.SIZE, 16);
                driver.writeIndirectTable(table, descriptors);
                driver.writeDescriptor(next, new Descriptor(table, descriptors.size() * Descriptor.SIZE,
                        Descriptor.INDIRECT, 0));
            } else {
                for (int i = 0; i < descriptors.size(); i++) {
                    driver.writeDescriptor(next + i, descriptors.get(i));
                }
            }
            heads.add(next);
            next += needed;
            List<Long> a = new ArrayList<>();
            List<Integer> l = new ArrayList<>();
            for (int i = 0; i < chain.segments().size(); i++) {
                Segment seg = chain.segments().get(i);
                if (seg.writable() && (capture == Capture.ALL || a.isEmpty())) {
                    a.add(addresses.get(i));
                    l.add(seg.length());
                }
            }
            copyAddresses.add(a);
            copyLengths.add(l);
        }
        return new Batch(heads, copyAddresses, copyLengths);
    }

    /** Makes {@code heads} available together and kicks once, when the device asks for it. */
    private void publishAll(List<Integer> heads) {
        int before = driver.availIdx();
        for (int head : heads) {
            driver.publish(head);
        }
        if (polling || driver.deviceWantsKick(before, driver.availIdx())) {
            signal(kick);
        }
    }

    private List<Completion> publishAllAndWait(Batch batch, Duration timeout) {
        List<Integer> heads = batch.heads();
        List<List<Long>> copyAddresses = batch.copyAddresses();
        List<List<Integer>> copyLengths = batch.copyLengths();
        int before = driver.availIdx();
        if (eventIdx) {
            driver.setUsedEvent(before);
        }
        drainCall();
        int oldUsed = driver.lastUsedIdx();
        long start = System.nanoTime();
        publishAll(heads);
        java.util.Map<Integer, UsedElement> used = new java.util.HashMap<>();
        java.util.Map<Integer, Long> nanos = new java.util.HashMap<>();
        boolean notified = false;
        while (used.size() < heads.size()) {
            Arrival arrival = awaitUsed(timeout, start);
            notified |= arrival.notified();
            int id = arrival.used().id();
            if (!heads.contains(id) || used.containsKey(id)) {
                throw new DaemonFailure.Misbehaved("used element with id " + id + " on queue " + index
                        + ", which names no chain outstanding in this batch " + heads);
            }
            used.put(id, arrival.used());
            nanos.put(id, System.nanoTime() - start);
            if (eventIdx) {
                // As Linux's virtqueue_get_buf with callbacks on: ask to be signalled for the next
                // element, or the daemon, rightly, signals no more for this batch (virtio 1.3 §2.7.10).
                driver.setUsedEvent(driver.lastUsedIdx());
                // The store must be seen before used.idx is read again (virtio_mb in Linux).
                java.lang.invoke.VarHandle.fullFence();
            }
        }
        Notification notification = notification(before, oldUsed, notified);
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            int head = heads.get(i);
            List<ByteBuffer> writable = new ArrayList<>();
            for (int k = 0; k < copyAddresses.get(i).size(); k++) {
                writable.add(copyOut(copyAddresses.get(i).get(k), copyLengths.get(i).get(k)));
            }
            UsedElement u = used.get(head);
            completions.add(new Completion(head, u.id(), u.len(), writable, nanos.get(head), notification));
        }
        if (notification.missing()) {
            notifications.missed(index, completions.get(completions.size() - 1));
        }
        return completions;
    }

    /**
     * Starts a hand-built chain; the guest's bounce area is reset, and the queue stays
     * reserved for it until {@link RawChain#submit} returns.
     */
    public RawChain rawChain() {
        synchronized (allocator) {
            allocator.reset();
        }
        return new RawChain(this);
    }

    long placeReadable(ByteBuffer bytes) {
        synchronized (allocator) {
            long gpa = allocator.allocate(Math.max(1, bytes.remaining()), 16);
            memory.slice(gpa, bytes.remaining()).put(bytes.duplicate());
            return gpa;
        }
    }

    long placeWritable(int length) {
        synchronized (allocator) {
            long gpa = allocator.allocate(Math.max(1, length), length >= 4096 ? 4096 : 8);
            fill(memory.slice(gpa, length), POISON);
            return gpa;
        }
    }

    void writeRingDescriptor(int index, Descriptor d) {
        driver.writeDescriptor(index, d);
    }

    Completion publishRaw(int head, List<Long> writableAddresses, List<Integer> writableLengths, Duration timeout) {
        synchronized (allocator) {
            // A hand-built chain always kicks: whatever the ring's notification state, the
            // daemon is to look at it now.
            return publishAndWait(head, writableAddresses, writableLengths, true, timeout);
        }
    }

    private ByteBuffer copyOut(long gpa, int length) {
        ByteBuffer copy = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(memory.slice(gpa, length)).flip();
        return copy;
    }

    /** Allocates and fills every segment; writable ones are poisoned so stale bytes never pass as data. */
    private List<Long> place(ChainLayout chain, Capture capture) {
        List<Long> addresses = new ArrayList<>();
        boolean firstWritable = true;
        for (Segment s : chain.segments()) {
            long gpa = allocator.allocate(Math.max(1, s.length()), s.length() >= 4096 ? 4096 : 8);
            ByteBuffer target = memory.slice(gpa, s.length());
            if (s.writable()) {
                if (capture == Capture.ALL || firstWritable) {
                    fill(target, POISON);
                }
                firstWritable = false;
            } else {
                target.put(s.contents().duplicate());
            }
            addresses.add(gpa);
        }
        return addresses;
    }

    /** The chain's descriptors, linked by {@code next} as if written from index {@code base} on. */
    private static List<Descriptor> descriptorsFor(ChainLayout chain, List<Long> addresses, int base) {
        List<Descriptor> out = new ArrayList<>();
        List<Segment> segments = chain.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            boolean last = i == segments.size() - 1;
            int flags = (s.writable() ? Descriptor.WRITE : 0) | (last ? 0 : Descriptor.NEXT);
            out.add(new Descriptor(addresses.get(i), s.length(), flags, last ? 0 : base + i + 1));
        }
        return out;
    }

    /**
     * Publishes {@code head}, kicks when the device asked for it (or {@code forceKick}), waits
     * for the used element and copies the given writable buffers back.
     */
    private Completion publishAndWait(int head, List<Long> copyAddresses, List<Integer> copyLengths,
            boolean forceKick, Duration timeout) {
        int before = driver.availIdx();
        int usedEvent = before;
        if (eventIdx) {
            driver.setUsedEvent(usedEvent);
        }
        drainCall();
        int oldUsed = driver.lastUsedIdx();
        long start = System.nanoTime();
        driver.publish(head);
        if (forceKick || driver.deviceWantsKick(before, driver.availIdx())) {
            signal(kick);
        }
        Arrival arrival = awaitUsed(timeout, start);
        long nanos = System.nanoTime() - start;
        Notification notification = notification(usedEvent, oldUsed, arrival.notified());
        List<ByteBuffer> writable = new ArrayList<>();
        for (int i = 0; i < copyAddresses.size(); i++) {
            writable.add(copyOut(copyAddresses.get(i), copyLengths.get(i)));
        }
        Completion completion = new Completion(head, arrival.used().id(), arrival.used().len(), writable, nanos,
                notification);
        if (notification.missing()) {
            notifications.missed(index, completion);
        }
        return completion;
    }

    /**
     * What the ring owed for the element just consumed, and whether the signal came: when it
     * was owed and not yet seen, waits up to {@link #NOTIFICATION_GRACE} for it.
     */
    private Notification notification(int usedEvent, int oldUsed, boolean notified) {
        Notification.Suppression suppression = eventIdx ? Notification.Suppression.EVENT_IDX
                : polling ? Notification.Suppression.NO_INTERRUPT : Notification.Suppression.NONE;
        Notification n = new Notification(suppression, usedEvent, oldUsed, driver.lastUsedIdx(), notified);
        if (!notified && n.required()) {
            n = new Notification(suppression, usedEvent, oldUsed, driver.lastUsedIdx(), awaitCall(
                    NOTIFICATION_GRACE.toNanos()));
        }
        return n;
    }

    /** The used element, and whether the call eventfd fired once it was visible. */
    private record Arrival(UsedElement used, boolean notified) {
    }

    private Arrival awaitUsed(Duration timeout, long start) {
        long deadline = start + timeout.toNanos();
        long nextHealthCheck = System.nanoTime() + HEALTH_CHECK.toNanos();
        long backoff = 1_000;
        boolean signalled = false;
        while (true) {
            Optional<UsedElement> used = driver.pollUsed();
            if (used.isPresent()) {
                // A signal that came before the element was visible does not count: a guest
                // woken by it finds nothing and goes back to sleep.
                return new Arrival(used.get(), signalled);
            }
            long now = System.nanoTime();
            if (now >= nextHealthCheck) {
                watch.check("a request on queue " + index);
                nextHealthCheck = now + HEALTH_CHECK.toNanos();
            }
            if (now > deadline) {
                throw new DaemonFailure.TimedOut("used element on queue " + index, timeout);
            }
            if (polling) {
                // OVMF's VirtioFlush: stall 1 us, doubling up to about 1 ms.
                LockSupport.parkNanos(backoff);
                backoff = Math.min(backoff * 2, 1_000_000);
            } else {
                signalled = awaitCall(Math.min(HEALTH_CHECK.toNanos(), Math.max(1, deadline - now)))
                        && driver.usedIdx() != driver.lastUsedIdx();
            }
        }
    }

    /** Waits for the call eventfd and resets it; whether it fired. */
    private boolean awaitCall(long nanos) {
        try {
            return call.await(Duration.ofNanos(nanos));
        } catch (SyscallException e) {
            throw new IllegalStateException("call eventfd of queue " + index + " failed", e);
        }
    }

    /** Forgets signals for earlier elements (or spurious ones), so the next chain starts clean. */
    private void drainCall() {
        try {
            call.drain();
        } catch (SyscallException e) {
            throw new IllegalStateException("call eventfd of queue " + index + " failed", e);
        }
    }

    private void signal(EventFd fd) {
        try {
            fd.signal();
        } catch (SyscallException e) {
            throw new IllegalStateException("kick eventfd of queue " + index + " failed", e);
        }
    }

    private static void fill(ByteBuffer target, byte value) {
        ByteBuffer b = target.duplicate();
        long pattern = 0x0101010101010101L * (value & 0xFF);
        while (b.remaining() >= 8) {
            b.putLong(pattern);
        }
        while (b.hasRemaining()) {
            b.put(value);
        }
    }

    @Override
    public void close() {
        kick.close();
        call.close();
    }
}
