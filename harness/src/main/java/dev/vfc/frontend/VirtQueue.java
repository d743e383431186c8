package dev.vfc.frontend;

import dev.vfc.driver.ChainLayout;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *
 * <p>This class keeps the order of one request (used_event, drain, publish, wait, copy back);
 * placing buffers ({@link ChainPlacer}), telling the daemon ({@link AvailPublisher}) and
 * waiting for its answer ({@link UsedRingWaiter}) are each their own class.
 */
public final class VirtQueue implements AutoCloseable {

    private static final int VRING_AVAIL_F_NO_INTERRUPT = 1;
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
    private final boolean polling;
    private final boolean eventIdx;
    private final NotificationLog notifications;
    private final ChainPlacer placer;
    private final AvailPublisher publisher;
    private final UsedRingWaiter waiter;

    VirtQueue(int index, GuestMemory memory, SplitRingLayout layout, GuestAllocator allocator, boolean eventIdx,
            boolean polling, int ringBase, DaemonWatch watch, NotificationLog notifications) throws SyscallException {
        this.index = index;
        this.memory = memory;
        this.layout = layout;
        this.allocator = allocator;
        this.eventIdx = eventIdx;
        this.polling = polling;
        this.notifications = notifications;
        this.driver = new SplitQueueDriver(memory, layout, eventIdx, ringBase);
        if (eventIdx) {
            leaveAvailEvent(ringBase);
        }
        this.placer = new ChainPlacer(memory, layout, driver, allocator);
        this.publisher = new AvailPublisher(index, driver, polling);
        this.waiter = new UsedRingWaiter(index, driver, polling, eventIdx, watch);
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
            publisher.publishRepeatedly(head, times);
        }
    }

    /** Signals the kick eventfd, whatever the ring holds. */
    public void kick() {
        publisher.kick();
    }

    EventFd kickFd() {
        return publisher.kickFd();
    }

    EventFd callFd() {
        return waiter.callFd();
    }

    /** Swaps in a new call notifier (as QEMU does when the guest masks or unmasks its MSI-X vector). */
    EventFd replaceCallFd() throws SyscallException {
        return waiter.replaceCallFd();
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
        ChainPlacer.Batch one = placer.layOut(List.of(chain), capture);
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
            return publishAllAndWait(placer.layOut(chains, capture), timeout);
        }
    }

    /**
     * Lays out and publishes {@code chains} with one kick, and returns without waiting: for
     * scenarios that leave requests outstanding (a frontend that goes away mid-request).
     */
    public void publishAndLeave(List<ChainLayout> chains) {
        synchronized (allocator) {
            waiter.drainCall();
            publisher.publishAll(placer.layOut(chains, Capture.HEADER).heads());
        }
    }

    private List<Completion> publishAllAndWait(ChainPlacer.Batch batch, Duration timeout) {
        List<Integer> heads = batch.heads();
        int before = driver.availIdx();
        if (eventIdx) {
            driver.setUsedEvent(before);
        }
        waiter.drainCall();
        int oldUsed = driver.lastUsedIdx();
        long start = System.nanoTime();
        publisher.publishAll(heads);
        Map<Integer, UsedElement> used = new HashMap<>();
        Map<Integer, Long> nanos = new HashMap<>();
        boolean notified = false;
        while (used.size() < heads.size()) {
            UsedRingWaiter.Arrival arrival = waiter.awaitUsed(timeout, start);
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
        Notification notification = waiter.notification(before, oldUsed, notified);
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            int head = heads.get(i);
            List<ByteBuffer> writable = placer.copyOut(batch.copyAddresses().get(i), batch.copyLengths().get(i));
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
            return placer.placeReadable(bytes);
        }
    }

    long placeWritable(int length) {
        synchronized (allocator) {
            return placer.placeWritable(length);
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

    /**
     * Publishes {@code head}, kicks when the device asked for it (or {@code forceKick}), waits
     * for the used element and copies the given writable buffers back.
     */
    private Completion publishAndWait(int head, List<Long> copyAddresses, List<Integer> copyLengths,
            boolean forceKick, Duration timeout) {
        int usedEvent = driver.availIdx();
        if (eventIdx) {
            driver.setUsedEvent(usedEvent);
        }
        waiter.drainCall();
        int oldUsed = driver.lastUsedIdx();
        long start = System.nanoTime();
        publisher.publish(head, forceKick);
        UsedRingWaiter.Arrival arrival = waiter.awaitUsed(timeout, start);
        long nanos = System.nanoTime() - start;
        Notification notification = waiter.notification(usedEvent, oldUsed, arrival.notified());
        List<ByteBuffer> writable = placer.copyOut(copyAddresses, copyLengths);
        Completion completion = new Completion(head, arrival.used().id(), arrival.used().len(), writable, nanos,
                notification);
        if (notification.missing()) {
            notifications.missed(index, completion);
        }
        return completion;
    }

    @Override
    public void close() {
        publisher.close();
        waiter.close();
    }
}
