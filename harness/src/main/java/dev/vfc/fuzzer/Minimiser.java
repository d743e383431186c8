package dev.vfc.fuzzer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Shrinks a failing input while it still fails, under a time budget: first whole elements go,
 * in chunks that halve as they stop coming off (Zeller and Hildebrandt, "Simplifying and
 * Isolating Failure-Inducing Input", IEEE TSE 28(2), 2002: ddmin's complement step), then each
 * remaining element is replaced by a smaller one while that still fails. Every candidate is
 * tried whole ({@code fails} restarts the daemon and replays it), so what comes out fails as it
 * stands.
 *
 * @param <T> one element of the input (a request)
 */
public final class Minimiser<T> {

    private final Predicate<List<T>> fails;
    private final Function<T, List<T>> smaller;
    private final Duration budget;
    private int tries;

    /**
     * @param fails   whether an input still shows the failure
     * @param smaller candidates to replace one element with, smallest change first
     * @param budget  how long minimising may take; what it has by then is the result
     */
    public Minimiser(Predicate<List<T>> fails, Function<T, List<T>> smaller, Duration budget) {
        this.fails = fails;
        this.smaller = smaller;
        this.budget = budget;
    }

    /** The smallest input found that still fails, {@code failing} itself if none is. */
    public List<T> minimise(List<T> failing) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<T> current = dropElements(List.copyOf(failing), deadline);
        return shrinkElements(current, deadline);
    }

    /** How many candidates were tried so far. */
    public int tries() {
        return tries;
    }

    private List<T> dropElements(List<T> input, long deadline) {
        List<T> current = input;
        int chunks = 2;
        while (current.size() > 1 && System.nanoTime() < deadline) {
            int size = (current.size() + chunks - 1) / chunks;
            boolean dropped = false;
            for (int from = current.size() - size; from > -size && System.nanoTime() < deadline; from -= size) {
                int start = Math.max(0, from);
                List<T> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), from + size), current.size()));
                if (!candidate.isEmpty() && test(candidate)) {
                    current = List.copyOf(candidate);
                    chunks = Math.max(chunks - 1, 2);
                    dropped = true;
                    break;
                }
            }
            if (!dropped) {
                if (size == 1) {
                    break;
                }
                chunks = Math.min(chunks * 2, current.size());
            }
        }
        return current;
    }

    private List<T> shrinkElements(List<T> input, long deadline) {
        List<T> current = new ArrayList<>(input);
        for (int i = 0; i < current.size(); i++) {
            boolean shrunk = true;
            while (shrunk && System.nanoTime() < deadline) {
                shrunk = false;
                for (T candidate : smaller.apply(current.get(i))) {
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                    List<T> tried = new ArrayList<>(current);
                    tried.set(i, candidate);
                    if (test(tried)) {
                        current = tried;
                        shrunk = true;
                        break;
                    }
                }
            }
        }
        return List.copyOf(current);
    }

    private boolean test(List<T> candidate) {
        tries++;
        return fails.test(candidate);
    }
}
