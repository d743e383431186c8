package dev.vfc.passthrough;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A descriptor shared between a table and the requests that are using it. Several queue
 * workers run at once, so a FORGET or RELEASE may arrive while another worker is still
 * inside a syscall on the same descriptor; closing it right then could hand its number to
 * the next open(), and the running syscall would act on the wrong file. Instead the table
 * holds one reference, each request holds one while it works ({@link #close()} ends that
 * use), and the descriptor is closed when the last reference goes.
 */
abstract class Counted implements AutoCloseable {

    private final AtomicInteger references = new AtomicInteger(1);

    /** Takes one more reference, unless the last one is already gone. */
    final boolean retain() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops one reference; the last one frees the descriptor. */
    final void release() {
        if (references.decrementAndGet() == 0) {
            free();
        }
    }

    /** Ends one request's use (try-with-resources). */
    @Override
    public final void close() {
        release();
    }

    /** Whether the descriptor has been freed (for tests). */
    final boolean freed() {
        return references.get() == 0;
    }

    /** Closes the descriptor; called exactly once. */
    abstract void free();
}
