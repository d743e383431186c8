package dev.vfc.frontend;

import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.SyscallException;
import dev.vfc.virtqueue.SplitQueueDriver;
import dev.vfc.virtqueue.UsedElement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the daemon's answer on one queue: the next used element under a deadline, polled
 * as OVMF does or woken by the call eventfd as Linux is, while checking the daemon is still
 * alive; and what the ring owed in notifications for it against what the call eventfd showed.
 * Holds the call eventfd, so that every verdict about notifications is drawn from one place.
 */
final class UsedRingWaiter implements AutoCloseable {

    private static final Duration HEALTH_CHECK = Duration.ofMillis(100);

    private final int index;
    private final SplitQueueDriver driver;
    private final boolean polling;
    private final boolean eventIdx;
    private final DaemonWatch watch;
    private volatile EventFd call;

    UsedRingWaiter(int index, SplitQueueDriver driver, boolean polling, boolean eventIdx, DaemonWatch watch)
            throws SyscallException {
        this.index = index;
        this.driver = driver;
        this.polling = polling;
        this.eventIdx = eventIdx;
        this.watch = watch;
        this.call = EventFd.create();
    }

    /** The used element, and whether the call eventfd fired once it was visible. */
    record Arrival(UsedElement used, boolean notified) {
    }

    /**
     * The next used element, waiting until {@code start + timeout}.
     *
     * @throws DaemonFailure when the daemon dies or the deadline passes
     */
    Arrival awaitUsed(Duration timeout, long start) {
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

    /**
     * What the ring owed for the element just consumed, and whether the signal came: when it
     * was owed and not yet seen, waits up to {@link VirtQueue#NOTIFICATION_GRACE} for it.
     */
    Notification notification(int usedEvent, int oldUsed, boolean notified) {
        Notification.Suppression suppression = eventIdx ? Notification.Suppression.EVENT_IDX
                : polling ? Notification.Suppression.NO_INTERRUPT : Notification.Suppression.NONE;
        Notification n = new Notification(suppression, usedEvent, oldUsed, driver.lastUsedIdx(), notified);
        if (!notified && n.required()) {
            n = new Notification(suppression, usedEvent, oldUsed, driver.lastUsedIdx(), awaitCall(
                    VirtQueue.NOTIFICATION_GRACE.toNanos()));
        }
        return n;
    }

    /** Forgets signals for earlier elements (or spurious ones), so the next chain starts clean. */
    void drainCall() {
        try {
            call.drain();
        } catch (SyscallException e) {
            throw new IllegalStateException("call eventfd of queue " + index + " failed", e);
        }
    }

    EventFd callFd() {
        return call;
    }

    /** Swaps in a new call notifier and closes the old one. */
    EventFd replaceCallFd() throws SyscallException {
        EventFd old = call;
        call = EventFd.create();
        old.close();
        return call;
    }

    /** Waits for the call eventfd and resets it; whether it fired. */
    private boolean awaitCall(long nanos) {
        try {
            return call.await(Duration.ofNanos(nanos));
        } catch (SyscallException e) {
            throw new IllegalStateException("call eventfd of queue " + index + " failed", e);
        }
    }

    @Override
    public void close() {
        call.close();
    }
}
