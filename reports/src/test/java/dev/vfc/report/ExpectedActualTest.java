package dev.vfc.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ExpectedActualTest {

    @Test
    void a_fail_detail_splits_into_what_was_expected_and_what_came_back() {
        assertThat(ExpectedActual.of("expected 8388608 bytes, got EINVAL(-22)"))
                .contains(new ExpectedActual("8388608 bytes", "EINVAL(-22)"));
    }

    @Test
    void only_the_first_got_separates_the_halves() {
        assertThat(ExpectedActual.of("expected ENOENT, got OK, got it twice"))
                .contains(new ExpectedActual("ENOENT", "OK, got it twice"));
    }

    @Test
    void a_detail_of_another_shape_is_not_split() {
        assertThat(ExpectedActual.of("daemon died during a request on queue 1: exit 1")).isEmpty();
        assertThat(ExpectedActual.of("expected nothing in particular")).isEmpty();
        assertThat(ExpectedActual.of("")).isEmpty();
        assertThat(ExpectedActual.of(null)).isEmpty();
    }
}
