package dev.vfc.frontend;

import java.util.ArrayList;
import java.util.List;

/**
 * The used elements of one frontend whose required notification never came (see
 * {@link Notification}), on any queue, whether a FUSE session or a hand-built chain sent them.
 * Only misses are kept, so the benchmark's millions of completions cost nothing here.
 */
public final class NotificationLog {

    /** Enough to name the first misses in a verdict; the count stays exact past it. */
    private static final int KEPT = 16;

    /** A completion on {@code queue} whose notification was owed and did not come. */
    public record Missed(int queue, Completion completion) {
    }

    private final List<Missed> kept = new ArrayList<>();
    private long count;

    synchronized void missed(int queue, Completion completion) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(new Missed(queue, completion));
        }
    }

    /** The first misses, in order. */
    public synchronized List<Missed> missed() {
        return List.copyOf(kept);
    }

    /** How many used elements went without their required notification. */
    public synchronized long count() {
        return count;
    }
}
