package dev.vfc.syscall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventFdTest {

    @Test
    void aSignalWakesTheWaiterOnceAndResetsTheCounter() throws Exception {
        try (EventFd e = EventFd.create()) {
            e.signal();
            e.signal();
            assertThat(e.await(Duration.ofSeconds(1))).isTrue();
            assertThat(e.await(Duration.ofMillis(20))).isFalse();
        }
    }

    @Test
    void drainReturnsTheAccumulatedCount() throws Exception {
        try (EventFd e = EventFd.create()) {
            e.signal();
            e.signal();
            e.signal();
            assertThat(e.drain()).isEqualTo(3);
            assertThat(e.drain()).isZero();
        }
    }
}
