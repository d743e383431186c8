package dev.vfc.backend;

import dev.vfc.chain.GuestChain;
import dev.vfc.memory.MappedGuestMemory;
import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.SyscallException;
import dev.vfc.virtqueue.InvalidChainException;
import dev.vfc.virtqueue.InvalidRingException;
import dev.vfc.virtqueue.SplitQueueDevice;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves one started ring: waits for kicks, pops every available chain, hands it to the
 * request handler and returns it on the used ring, signalling the call eventfd when the
 * driver wants it (virtio 1.3 §2.7.7, §2.7.10). A malformed chain is returned with used
 * length 0 without touching its buffers; an avail entry that names no descriptor has no chain
 * to return and is skipped; a broken ring (an avail index running ahead of the queue), or
 * anything else this worker did not expect, stops this queue with one log line and signals the
 * error eventfd (VHOST_USER_SET_VRING_ERR, QEMU 7.2 docs/interop/vhost-user.rst), never the
 * daemon.
 */
final class QueueWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(QueueWorker.class.getName());
    private static final Duration STOP_CHECK = Duration.ofMillis(100);

    private final int index;
    private final SplitQueueDevice device;
    private final Supplier<MappedGuestMemory> memory;
    private final EventFd kick;
    private final Supplier<Optional<EventFd>> call;
    private final Supplier<Optional<EventFd>> error;
    private final RequestHandler handler;
    private final ExecutorService pool;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** The chain this thread takes and serves when there is no pool, refilled for every request. */
    private final GuestChain ownChain = new GuestChain();
    /** Chains handed to the pool and not yet returned; guarded by itself. */
    private final int[] inFlight = new int[1];
    private final Thread thread;

    QueueWorker(int index, SplitQueueDevice device, Supplier<MappedGuestMemory> memory, EventFd kick,
            Supplier<Optional<EventFd>> call, Supplier<Optional<EventFd>> error, RequestHandler handler,
            ExecutorService pool) {
        this.index = index;
        this.device = device;
        this.memory = memory;
        this.kick = kick;
        this.call = call;
        this.error = error;
        this.handler = handler;
        this.pool = pool;
        this.thread = new Thread(this, "vring-" + index);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops after the chain in hand; returns the next avail index to report in GET_VRING_BASE. */
    int stop() {
        stopping.set(true);
        try {
            if (Thread.currentThread() != thread) {
                thread.join();
            }
            synchronized (inFlight) {
                while (inFlight[0] > 0) {
                    inFlight.wait();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (device) {
            return device.lastAvailIdx();
        }
    }

    @Override
    public void run() {
        try {
            // A kick may have come before the ring started: look once before sleeping.
            serveAvailable();
            while (!stopping.get()) {
                if (kick.await(STOP_CHECK)) {
                    serveAvailable();
                }
            }
        } catch (InvalidRingException e) {
            LOG.log(Level.SEVERE, "queue " + index + " stopped: " + e.getMessage());
            error.get().ifPresent(this::signal);
        } catch (SyscallException e) {
            LOG.log(Level.SEVERE, "queue " + index + " stopped: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "queue " + index + " stopped: unexpected " + e);
            error.get().ifPresent(this::signal);
        }
    }

    private void serveAvailable() {
        do {
            synchronized (device) {
                device.disableNotification();
            }
            while (!stopping.get()) {
                GuestChain chain = pool == null ? ownChain : new GuestChain();
                if (!nextChain(chain)) {
                    break;
                }
                serve(chain);
            }
        } while (!stopping.get() && reenableNotification());
    }

    /** Turns notifications back on; true when chains arrived meanwhile (virtio 1.3 §2.7.10). */
    private boolean reenableNotification() {
        synchronized (device) {
            return device.enableNotification();
        }
    }

    /** Takes the next valid chain into {@code chain}, false when there is none; invalid ones are returned unused and skipped. */
    private boolean nextChain(GuestChain chain) {
        while (true) {
            try {
                synchronized (device) {
                    return device.nextAvailable(chain.buffers());
                }
            } catch (InvalidChainException e) {
                if (device.holds(e.head())) {
                    LOG.warning("queue " + index + ": refused chain: " + e.getMessage());
                    complete(e.head(), 0);
                } else {
                    // virtio 1.3 §2.7.6: avail ring entries are heads of descriptor chains, indices
                    // into the Queue Size entries of the table; this one names none, so there is no
                    // chain to hand back (a used element must name a head, §2.7.8).
                    LOG.warning("queue " + index + ": skipped an avail entry naming no descriptor: "
                            + e.getMessage());
                }
            }
        }
    }

    private void serve(GuestChain chain) {
        if (pool == null) {
            complete(chain.head(), handle(chain));
            return;
        }
        synchronized (inFlight) {
            inFlight[0]++;
        }
        pool.execute(() -> {
            try {
                complete(chain.head(), handle(chain));
            } finally {
                synchronized (inFlight) {
                    inFlight[0]--;
                    inFlight.notifyAll();
                }
            }
        });
    }

    private int handle(GuestChain chain) {
        try {
            chain.bind(memory.get());
            return handler.handle(chain.reader(), chain.writer());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "queue " + index + ": request on chain " + chain.head() + " failed", e);
            return 0;
        }
    }

    /** Publishes the used element under the ring's lock; the eventfd write happens outside it. */
    private void complete(int head, int usedLength) {
        boolean notify;
        synchronized (device) {
            device.pushUsed(head, usedLength);
            notify = device.needsNotification();
        }
        if (notify) {
            call.get().ifPresent(this::signal);
        }
    }

    private void signal(EventFd fd) {
        try {
            fd.signal();
        } catch (SyscallException e) {
            LOG.warning("queue " + index + ": cannot signal: " + e.getMessage());
        }
    }
}
