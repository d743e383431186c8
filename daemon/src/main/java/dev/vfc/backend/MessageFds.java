package dev.vfc.backend;

import dev.vfc.syscall.FileDescriptors;

/**
 * The fds that came with one vhost-user message, each handed to at most one owner: a handler
 * {@link #take}s the ones it keeps (a mapping, an eventfd), and {@link #close} closes the rest
 * once the message is done. So every fd is closed exactly once, and never a number that
 * meanwhile belongs to a file a worker opened.
 */
final class MessageFds implements AutoCloseable {

    private final int[] fds;
    private final boolean[] taken;

    MessageFds(int[] fds) {
        this.fds = fds.clone();
        this.taken = new boolean[fds.length];
    }

    int count() {
        return fds.length;
    }

    /** fd {@code i}, which the caller now owns (and must close, or pass on to something that does). */
    int take(int i) {
        if (taken[i]) {
            throw new IllegalStateException("fd " + i + " of the message was already taken");
        }
        taken[i] = true;
        return fds[i];
    }

    /** Closes every fd no handler took. */
    @Override
    public void close() {
        for (int i = 0; i < fds.length; i++) {
            if (!taken[i]) {
                taken[i] = true;
                FileDescriptors.closeQuietly(fds[i]);
            }
        }
    }
}
