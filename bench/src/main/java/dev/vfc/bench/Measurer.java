package dev.vfc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Times a {@link RequestStream}: per repetition a warm-up (JIT, caches, the daemon's thread
 * waking up) that is not counted, then a measured window whose rate is total units over the
 * window's real length (the last request may run past the nominal end, and is counted with
 * its time).
 */
final class Measurer {

    static final Duration DEFAULT_WARMUP = Duration.ofMillis(500);
    /**
     * Unmeasured time a fresh daemon gets before its first workload: a new JVM's JIT needs a
     * couple of seconds to compile the request path (seen as a first window at half the rate
     * of the next ones), and a daemon in production has long since done that.
     */
    static final Duration SESSION_WARMUP = Duration.ofSeconds(2);

    private final Duration warmup;
    private final Duration window;
    private final int repeat;
    private final Consumer<String> progress;

    Measurer(Duration warmup, Duration window, int repeat, Consumer<String> progress) {
        this.warmup = warmup;
        this.window = window;
        this.repeat = repeat;
        this.progress = progress;
    }

    /**
     * {@code repeat} rates of {@code stream}, each in units per second divided by {@code scale}
     * (10^6 turns bytes into MB/s).
     *
     * @param inFlightNanos the stream's running total of time spent waiting for replies, so the
     *     progress line can say how much of each request's time was the daemon's
     * @param what names the cell in progress lines
     */
    Outcome.Measured measure(RequestStream stream, LongSupplier inFlightNanos, double scale, String unit,
            String what) {
        List<Double> rates = new ArrayList<>();
        Latencies latencies = new Latencies();
        for (int k = 1; k <= repeat; k++) {
            run(stream, warmup.toNanos(), null);
            long inFlightBefore = inFlightNanos.getAsLong();
            Window w = run(stream, window.toNanos(), latencies);
            double inFlightShare = (inFlightNanos.getAsLong() - inFlightBefore) / (double) w.nanos();
            double rate = w.units() / (w.nanos() / 1e9) / scale;
            rates.add(rate);
            progress.accept(String.format(Locale.ROOT, "%s: %.1f %s (%d/%d: %d requests, %.1f us each, %.0f%% in flight)",
                    what, rate, unit, k, repeat, w.requests(), w.nanos() / 1e3 / w.requests(), 100 * inFlightShare));
        }
        return new Outcome.Measured(rates, Optional.of(latencies.percentiles()));
    }

    /** Sends {@code stream}'s requests for {@code time} and forgets them. */
    void warmUp(RequestStream stream, Duration time) {
        run(stream, time.toNanos(), null);
    }

    /** Every measured request's time, kept in a growing array so that recording allocates rarely. */
    static final class Latencies {
        private long[] nanos = new long[1 << 16];
        private int count;

        void add(long n) {
            if (count == nanos.length) {
                nanos = java.util.Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = n;
        }

        Outcome.Latency percentiles() {
            return Outcome.Latency.of(nanos, count);
        }
    }

    /** What one window sent. */
    record Window(long units, long requests, long nanos) {
    }

    /** Sends requests for {@code nanos}, recording each one's time into {@code latencies} when given. */
    private static Window run(RequestStream stream, long nanos, Latencies latencies) {
        long start = System.nanoTime();
        long units = 0;
        long elapsed;
        LongConsumer sink = latencies == null ? n -> { } : latencies::add;
        long[] count = {0};
        LongConsumer counting = n -> {
            count[0]++;
            sink.accept(n);
        };
        do {
            units += stream.next(counting);
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return new Window(units, count[0], elapsed);
    }
}
