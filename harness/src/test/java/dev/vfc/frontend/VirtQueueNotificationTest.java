package dev.vfc.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.Segment;
import dev.vfc.memory.MemfdGuestMemory;
import dev.vfc.syscall.SyscallException;
import dev.vfc.virtqueue.DescriptorChain;
import dev.vfc.virtqueue.SplitQueueDevice;
import dev.vfc.virtqueue.SplitRingLayout;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The frontend records, per used element, whether the call eventfd fired once the element
 * was visible, against a device played on a thread here: signalling after publishing,
 * signalling only before it, or never.
 */
class VirtQueueNotificationTest {

    private static final long RING_AREA = 1 << 20;
    private static final ChainLayout CHAIN = new ChainLayout(
            List.of(Segment.readable(ByteBuffer.allocate(40)), Segment.writable(16)), false);

    /** How the played device signals the call eventfd for each chain it returns. */
    private enum Device { SIGNALS_AFTER_PUBLISHING, SIGNALS_ONLY_BEFORE_PUBLISHING, NEVER_SIGNALS }

    private final AtomicBoolean stop = new AtomicBoolean();
    private MemfdGuestMemory memory;
    private Thread device;
    private VirtQueue queue;
    private final NotificationLog log = new NotificationLog();

    private VirtQueue queue(boolean eventIdx, boolean polling, Device behaviour) throws SyscallException {
        return queue(eventIdx, polling, 0, behaviour);
    }

    private VirtQueue queue(boolean eventIdx, boolean polling, int ringBase, Device behaviour)
            throws SyscallException {
        memory = MemfdGuestMemory.single(2 * RING_AREA);
        SplitRingLayout layout = SplitRingLayout.contiguous(8, 0);
        queue = new VirtQueue(1, memory, layout, new GuestAllocator(memory.regions(), RING_AREA), eventIdx, polling, ringBase,
                DaemonWatch.UNMANAGED, log);
        SplitQueueDevice ring = new SplitQueueDevice(memory, layout, eventIdx, ringBase);
        device = new Thread(() -> serve(ring, behaviour), "played-device");
        device.start();
        return queue;
    }

    private void serve(SplitQueueDevice ring, Device behaviour) {
        while (!stop.get()) {
            Optional<DescriptorChain> chain = ring.nextAvailable();
            if (chain.isEmpty()) {
                LockSupport.parkNanos(50_000);
                continue;
            }
            try {
                if (behaviour == Device.SIGNALS_ONLY_BEFORE_PUBLISHING) {
                    queue.callFd().signal();
                    Thread.sleep(20);
                }
                ring.pushUsed(chain.get().head(), 0);
                if (behaviour == Device.SIGNALS_AFTER_PUBLISHING) {
                    queue.callFd().signal();
                }
            } catch (SyscallException | InterruptedException e) {
                return;
            }
        }
    }

    @AfterEach
    void stopDevice() throws InterruptedException {
        stop.set(true);
        if (device != null) {
            device.join();
        }
        if (queue != null) {
            queue.close();
        }
        if (memory != null) {
            memory.close();
        }
    }

    @Test
    void aSignalAfterTheElementIsPublishedCountsAsTheNotification() throws Exception {
        VirtQueue q = queue(true, false, Device.SIGNALS_AFTER_PUBLISHING);
        for (int i = 0; i < 3; i++) {
            Notification n = q.submit(CHAIN, Duration.ofSeconds(5)).notification();
            assertThat(n.required()).isTrue();
            assertThat(n.fired()).as("request %d", i).isTrue();
            assertThat(n.oldUsedIdx()).isEqualTo(i);
        }
        assertThat(log.count()).isZero();
    }

    @Test
    void acrossTheSixteenBitWrapEveryElementIsOwedItsNotificationAndGetsIt() throws Exception {
        VirtQueue q = queue(true, false, 0xfffe, Device.SIGNALS_AFTER_PUBLISHING);
        List<Integer> placedAt = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Notification n = q.submit(CHAIN, Duration.ofSeconds(5)).notification();
            assertThat(n.usedEvent()).isEqualTo(n.oldUsedIdx());
            assertThat(n.required()).isTrue();
            assertThat(n.fired()).isTrue();
            placedAt.add(n.oldUsedIdx());
        }
        assertThat(placedAt).containsExactly(0xfffe, 0xffff, 0, 1);
    }

    @Test
    void anElementPublishedWithoutASignalIsLoggedAsMissingAfterTheGracePeriod() throws Exception {
        VirtQueue q = queue(true, false, Device.NEVER_SIGNALS);
        long start = System.nanoTime();
        Completion c = q.submit(CHAIN, Duration.ofSeconds(5));
        assertThat(c.notification().missing()).isTrue();
        assertThat(c.notification().describe()).isEqualTo("no (required)");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(VirtQueue.NOTIFICATION_GRACE.toNanos());
        assertThat(log.missed()).containsExactly(new NotificationLog.Missed(1, c));
    }

    @Test
    void withoutEventIdxAndFlagsClearASilentDeviceIsMissingToo() throws Exception {
        VirtQueue q = queue(false, false, Device.NEVER_SIGNALS);
        Notification n = q.submit(CHAIN, Duration.ofSeconds(5)).notification();
        assertThat(n.suppression()).isEqualTo(Notification.Suppression.NONE);
        assertThat(n.missing()).isTrue();
    }

    @Test
    void aSignalThatCameOnlyBeforeTheElementDoesNotCount() throws Exception {
        VirtQueue q = queue(true, false, Device.SIGNALS_ONLY_BEFORE_PUBLISHING);
        assertThat(q.submit(CHAIN, Duration.ofSeconds(5)).notification().missing()).isTrue();
    }

    @Test
    void aPollingDriverThatSetNoInterruptIsOwedNothing() throws Exception {
        VirtQueue q = queue(false, true, Device.NEVER_SIGNALS);
        long start = System.nanoTime();
        Notification n = q.submit(CHAIN, Duration.ofSeconds(5)).notification();
        assertThat(n.required()).isFalse();
        assertThat(n.missing()).isFalse();
        assertThat(System.nanoTime() - start).as("no grace period spent").isLessThan(
                VirtQueue.NOTIFICATION_GRACE.toNanos());
        assertThat(log.count()).isZero();
    }
}
