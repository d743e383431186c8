package dev.vfc.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What one table cell holds: the rates of its repetitions, or why there are none. A missing
 * daemon and a daemon that failed are kept apart, because the first is expected on a machine
 * without it and the second is news.
 */
public sealed interface Outcome permits Outcome.Measured, Outcome.Failed, Outcome.Unavailable {

    /**
     * The rate of each repetition, in the workload's unit, and the time each request took
     * over all of them, when it was recorded.
     */
    record Measured(List<Double> samples, Optional<Latency> latency) implements Outcome {
        public Measured {
            samples = List.copyOf(samples);
            if (samples.isEmpty()) {
                throw new IllegalArgumentException("a measurement has at least one sample");
            }
        }

        public Measured(List<Double> samples) {
            this(samples, Optional.empty());
        }

        public double median() {
            return Outcome.median(samples);
        }

        /**
         * Largest sample over smallest (1 for one sample): how far the repetitions disagree,
         * so a median picked from two different regimes (a VM that sometimes wakes the daemon
         * on the same CPU and sometimes on another) is not read as a steady number.
         */
        public double spread() {
            double min = samples.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = samples.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            return min > 0 ? max / min : Double.POSITIVE_INFINITY;
        }
    }

    /** Percentiles of the time from sending a request to its checked reply, in nanoseconds. */
    record Latency(long p50Nanos, long p99Nanos) {

        /** Nearest-rank percentiles of {@code nanos} (sorted in place). */
        static Latency of(long[] nanos, int count) {
            if (count == 0) {
                throw new IllegalArgumentException("the latency of no requests");
            }
            java.util.Arrays.sort(nanos, 0, count);
            return new Latency(rank(nanos, count, 0.50), rank(nanos, count, 0.99));
        }

        private static long rank(long[] sorted, int count, double p) {
            int index = (int) Math.ceil(p * count) - 1;
            return sorted[Math.max(0, Math.min(count - 1, index))];
        }
    }

    /** The daemon ran but the workload could not be measured: an error reply, a crash, a timeout. */
    record Failed(String reason) implements Outcome {
    }

    /** The target cannot run on this machine (its {@code availability()} said why). */
    record Unavailable(String reason) implements Outcome {
    }

    /** The cell's value, when there is one. */
    default Optional<Double> value() {
        return this instanceof Measured m ? Optional.of(m.median()) : Optional.empty();
    }

    /**
     * The middle sample, or the mean of the two middle ones for an even count: the median
     * resists the one repetition a background job disturbed, which a mean does not.
     */
    static double median(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the median of no samples");
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
