package dev.vfc.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeverityTest {

    @Test
    void eachScaleListsEveryVerdictItAllowsBestFirstWithSkippedLast() {
        for (Axis axis : Axis.values()) {
            assertThat(Severity.bestFirst(axis)).containsExactlyInAnyOrderElementsOf(axis.scale())
                    .endsWith(Verdict.Kind.SKIPPED);
        }
        assertThat(Severity.bestFirst(Axis.HARDENING)).containsExactly(Verdict.Kind.CONTAINED, Verdict.Kind.NON_STRICT,
                Verdict.Kind.FAIL_STOP, Verdict.Kind.HANG, Verdict.Kind.BREACH, Verdict.Kind.SKIPPED);
    }

    @Test
    void aVerdictOffItsAxisOrSkippedHasNoRank() {
        assertThat(Severity.rank(Axis.HARDENING, Verdict.Kind.PASS)).isEmpty();
        assertThat(Severity.rank(Axis.CONFORMANCE, Verdict.Kind.BREACH)).isEmpty();
        assertThat(Severity.rank(Axis.CONFORMANCE, Verdict.Kind.SKIPPED)).isEmpty();
        assertThat(Severity.rank(Axis.HARDENING, Verdict.Kind.BREACH).getAsInt())
                .isGreaterThan(Severity.rank(Axis.HARDENING, Verdict.Kind.HANG).getAsInt());
    }

    @Test
    void nonStrictAndSkippedBelongToBothAxesEveryOtherVerdictToOne() {
        assertThat(Severity.onlyAxisOf(Verdict.Kind.NON_STRICT)).isEmpty();
        assertThat(Severity.onlyAxisOf(Verdict.Kind.SKIPPED)).isEmpty();
        assertThat(Severity.onlyAxisOf(Verdict.Kind.CRASH)).contains(Axis.CONFORMANCE);
        assertThat(Severity.onlyAxisOf(Verdict.Kind.FAIL_STOP)).contains(Axis.HARDENING);
    }
}
