package dev.vfc.virtqueue;

import static dev.vfc.virtqueue.EventIdx.needEvent;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdxTest {

    @Test
    void notifiesWhenTheMoveCrossesTheEvent() {
        assertThat(needEvent(0, 1, 0)).isTrue();
        assertThat(needEvent(5, 6, 0)).isTrue();
        assertThat(needEvent(5, 6, 5)).isTrue();
        assertThat(needEvent(5, 6, 6)).isFalse();
    }

    @Test
    void doesNotNotifyBeforeTheIndexPassesTheEvent() {
        // "notify when idx passes 5": reaching 5 is not yet passing it
        assertThat(needEvent(5, 5, 0)).isFalse();
        assertThat(needEvent(5, 4, 3)).isFalse();
    }

    @Test
    void doesNotNotifyForAnEventAlreadyBehind() {
        assertThat(needEvent(2, 10, 5)).isFalse();
    }

    @Test
    void noMoveNeverNotifies() {
        assertThat(needEvent(7, 7, 7)).isFalse();
        assertThat(needEvent(6, 7, 7)).isFalse();
    }

    @Test
    void wrapsModulo65536() {
        assertThat(needEvent(65535, 0, 65534)).isTrue();
        assertThat(needEvent(65533, 0, 65534)).isFalse();
        assertThat(needEvent(0, 2, 65535)).isTrue();
        assertThat(needEvent(1, 1, 65535)).isFalse();
    }
}
