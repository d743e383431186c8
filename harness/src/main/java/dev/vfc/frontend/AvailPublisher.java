package dev.vfc.frontend;

import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.SyscallException;
import dev.vfc.virtqueue.SplitQueueDriver;
import java.util.List;

/**
 * Tells the daemon about chains: moves the avail ring and signals the kick eventfd when the
 * device asked for a kick (virtio 1.3 §2.7.10), always when the driver polls. Holds the kick
 * eventfd so that whether and when the daemon is told is decided in one place.
 */
final class AvailPublisher implements AutoCloseable {

    private final int index;
    private final SplitQueueDriver driver;
    private final boolean polling;
    private final EventFd kick;

    AvailPublisher(int index, SplitQueueDriver driver, boolean polling) throws SyscallException {
        this.index = index;
        this.driver = driver;
        this.polling = polling;
        this.kick = EventFd.create();
    }

    /** Makes {@code heads} available together and kicks once, when the device asks for it. */
    void publishAll(List<Integer> heads) {
        int before = driver.availIdx();
        for (int head : heads) {
            driver.publish(head);
        }
        if (polling || driver.deviceWantsKick(before, driver.availIdx())) {
            kick();
        }
    }

    /** Makes {@code head} available and kicks when the device asks for it, or always with {@code forceKick}. */
    void publish(int head, boolean forceKick) {
        int before = driver.availIdx();
        driver.publish(head);
        if (forceKick || driver.deviceWantsKick(before, driver.availIdx())) {
            kick();
        }
    }

    /** Makes {@code head} available {@code times} times with one move of avail.idx, and kicks. */
    void publishRepeatedly(int head, int times) {
        driver.publishAtOnce(head, times);
        kick();
    }

    /** Signals the kick eventfd, whatever the ring holds. */
    void kick() {
        try {
            kick.signal();
        } catch (SyscallException e) {
            throw new IllegalStateException("kick eventfd of queue " + index + " failed", e);
        }
    }

    EventFd kickFd() {
        return kick;
    }

    @Override
    public void close() {
        kick.close();
    }
}
