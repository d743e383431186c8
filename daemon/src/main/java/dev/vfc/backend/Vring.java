package dev.vfc.backend;

import dev.vfc.syscall.EventFd;
import java.util.Optional;

/**
 * What the frontend has told the backend about one virtqueue so far (vhost-user spec, "Ring
 * states"): its size, addresses, base, notifiers and whether it is enabled; and the worker
 * serving it once it has started. Touched only by the vhost-user thread, except the call and
 * error notifiers, which workers read.
 */
final class Vring {

    final int index;
    int num;
    long descUva;
    long usedUva;
    long availUva;
    boolean addressed;
    int base;
    boolean enabled;
    EventFd kick;
    /** Kept wrapped, so a worker asking for them on every used element allocates nothing. */
    private volatile Optional<EventFd> call = Optional.empty();
    private volatile Optional<EventFd> error = Optional.empty();
    QueueWorker worker;

    Vring(int index) {
        this.index = index;
    }

    Optional<EventFd> call() {
        return call;
    }

    Optional<EventFd> error() {
        return error;
    }

    /** Replaces the call notifier; QEMU re-sends it whenever the guest masks or unmasks MSI-X. */
    void setCall(EventFd fd) {
        Optional<EventFd> old = call;
        call = Optional.ofNullable(fd);
        old.ifPresent(EventFd::close);
    }

    void setError(EventFd fd) {
        Optional<EventFd> old = error;
        error = Optional.ofNullable(fd);
        old.ifPresent(EventFd::close);
    }

    void setKick(EventFd fd) {
        if (kick != null) {
            kick.close();
        }
        kick = fd;
    }

    static void signalQuietly(EventFd fd) {
        try {
            fd.signal();
        } catch (dev.vfc.syscall.SyscallException e) {
            // The frontend has gone; nothing to tell.
        }
    }

    boolean started() {
        return worker != null;
    }

    /** Stops the worker if running and remembers where the driver's next request will be. */
    void stop() {
        if (worker != null) {
            base = worker.stop();
            worker = null;
        }
    }

    void closeAll() {
        stop();
        setKick(null);
        setCall(null);
        setError(null);
    }
}
