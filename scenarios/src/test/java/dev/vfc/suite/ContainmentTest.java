package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.frontend.Completion;
import dev.vfc.frontend.Notification;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.results.Axis;
import dev.vfc.results.Verdict;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainmentTest {

    private static Completion completion(int head, int usedId, int usedLen, int errno) {
        ByteBuffer out = ByteBuffer.allocate(120).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0, FuseOutHeader.SIZE).putInt(4, errno).putLong(8, 0x7f00);
        return new Completion(head, usedId, usedLen, List.of(out), 1,
                new Notification(Notification.Suppression.NONE, 0, 0, 1, true));
    }

    @Test
    void aChainHandedBackUnusedIsContained() {
        assertThat(Containment.ofCompletion(completion(0, 0, 0, 0)).kind()).isEqualTo(Verdict.Kind.CONTAINED);
    }

    @Test
    void anErrnoInTheWritableBufferIsContained() {
        assertThat(Containment.ofCompletion(completion(0, 0, FuseOutHeader.SIZE, -22)).kind())
                .isEqualTo(Verdict.Kind.CONTAINED);
    }

    @Test
    void aBrokenChainServedAsIfWellFormedIsNonStrict() {
        assertThat(Containment.ofCompletion(completion(0, 0, 120, 0)).kind()).isEqualTo(Verdict.Kind.NON_STRICT);
    }

    @Test
    void aUsedLenPastTheWritableBuffersIsABreach() {
        Verdict v = Containment.ofCompletion(completion(0, 0, 121, 0));
        assertThat(v.kind()).isEqualTo(Verdict.Kind.BREACH);
        assertThat(v.detail()).contains("121").contains("120");
    }

    @Test
    void aUsedIdThatIsNotTheHeadIsABreach() {
        assertThat(Containment.ofCompletion(completion(3, 4, 0, 0)).kind()).isEqualTo(Verdict.Kind.BREACH);
    }

    @Test
    void everyGradeItGivesIsOnTheHardeningScale() {
        for (Completion c : List.of(completion(0, 0, 0, 0), completion(0, 0, 16, -5), completion(0, 0, 120, 0),
                completion(0, 0, 8, 0), completion(0, 0, 500, 0), completion(1, 2, 0, 0))) {
            assertThat(Axis.HARDENING.allows(Containment.ofCompletion(c).kind())).isTrue();
        }
    }
}
