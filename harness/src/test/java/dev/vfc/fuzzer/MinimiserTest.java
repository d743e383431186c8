package dev.vfc.fuzzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The minimiser against fake daemons: predicates over lists of numbers standing for requests. */
class MinimiserTest {

    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    @Test
    void aFailureOneRequestCausesIsCutDownToThatRequest() {
        Minimiser<Integer> m = new Minimiser<>(input -> input.contains(37), n -> List.of(), Duration.ofSeconds(10));
        assertThat(m.minimise(HUNDRED)).containsExactly(37);
    }

    @Test
    void aFailureThatNeedsTwoRequestsInOrderKeepsBoth() {
        Minimiser<Integer> m = new Minimiser<>(input -> input.contains(10) && input.contains(90)
                && input.indexOf(10) < input.indexOf(90), n -> List.of(), Duration.ofSeconds(10));
        assertThat(m.minimise(HUNDRED)).containsExactly(10, 90);
    }

    @Test
    void aRequestShrinksWhileTheFailureStays() {
        // The "daemon" dies on any number of at least 50; a request shrinks by halving.
        Minimiser<Integer> m = new Minimiser<>(input -> input.stream().anyMatch(n -> n >= 50),
                n -> n > 0 ? List.of(n / 2, n - 1) : List.of(), Duration.ofSeconds(10));
        assertThat(m.minimise(List.of(3, 400, 7))).containsExactly(50);
    }

    @Test
    void anInputThatNoLongerFailsIsReturnedWhole() {
        Minimiser<Integer> m = new Minimiser<>(input -> false, n -> List.of(), Duration.ofSeconds(10));
        assertThat(m.minimise(List.of(1, 2, 3))).containsExactly(1, 2, 3);
    }

    @Test
    void theBudgetBoundsHowLongMinimisingTakes() {
        Minimiser<Integer> m = new Minimiser<>(input -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return input.contains(5);
        }, n -> List.of(), Duration.ofMillis(300));
        long start = System.nanoTime();
        List<Integer> result = m.minimise(HUNDRED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(result).contains(5);
        assertThat(m.tries()).isLessThanOrEqualTo(8);
    }
}
