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
    private volatile EventFd call;
    private volatile EventFd error;
    QueueWorker worker;

    Vring(int index) {
        this.index = index;
    }

    Optional<EventFd> call() {
        return Optional.ofNullable(call);
    }

    Optional<EventFd> error() {
        return Optional.ofNullable(error);
    }

    /** Replaces the call notifier; QEMU re-sends it whenever the guest masks or unmasks MSI-X. */
    void setCall(EventFd fd) {
        EventFd old = call;
        call = fd;
        if (old != null) {
            old.close();
        }
    }

    void setError(EventFd fd) {
        EventFd old = error;
        error = fd;
        if (old != null) {
            old.close();
        }
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
