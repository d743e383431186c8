package dev.vfc.backend;

import dev.vfc.syscall.EventFd;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Deliberate misbehaviour of used buffer notifications, so the suite can prove it notices a
 * reply the guest is never told about (virtio 1.3 §2.7.7.2: unless the driver suppressed it,
 * "the device MUST send a notification").
 */
public enum CallFault {
    /** Signal the latest SET_VRING_CALL eventfd whenever the ring requires it. */
    NONE,
    /** Publish every used element and never signal the call eventfd. */
    NO_CALL_NOTIFICATION,
    /**
     * Keep the call eventfd a ring had when it completed its first request and ignore every
     * later SET_VRING_CALL, as a worker that caches its notifier would: after QEMU renews the
     * notifier (an MSI-X mask and unmask) the signals go to a descriptor nobody reads.
     */
    NO_CALL_AFTER_RENEW;

    /** The notifier a ring's worker signals, given the ring's current one. */
    Supplier<Optional<EventFd>> notifier(Supplier<Optional<EventFd>> current) {
        return switch (this) {
            case NONE -> current;
            case NO_CALL_NOTIFICATION -> Optional::empty;
            case NO_CALL_AFTER_RENEW -> new Supplier<>() {
                private Optional<EventFd> first = Optional.empty();

                @Override
                public synchronized Optional<EventFd> get() {
                    if (first.isEmpty()) {
                        first = current.get();
                    }
                    return first;
                }
            };
        };
    }
}
