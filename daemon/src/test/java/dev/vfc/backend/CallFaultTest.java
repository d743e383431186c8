package dev.vfc.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.syscall.EventFd;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each notification fault hands the worker the notifier its name promises. */
class CallFaultTest {

    private EventFd first;
    private EventFd renewed;
    private final AtomicReference<EventFd> current = new AtomicReference<>();
    private final Supplier<Optional<EventFd>> ring = () -> Optional.ofNullable(current.get());

    @BeforeEach
    void notifiers() throws Exception {
        first = EventFd.create();
        renewed = EventFd.create();
        current.set(first);
    }

    @AfterEach
    void close() {
        first.close();
        renewed.close();
    }

    @Test
    void withoutAFaultTheWorkerAlwaysSignalsTheLatestNotifier() {
        Supplier<Optional<EventFd>> notifier = CallFault.NONE.notifier(ring);
        assertThat(notifier.get()).contains(first);
        current.set(renewed);
        assertThat(notifier.get()).contains(renewed);
    }

    @Test
    void noCallNotificationGivesTheWorkerNothingToSignal() {
        assertThat(CallFault.NO_CALL_NOTIFICATION.notifier(ring).get()).isEmpty();
    }

    @Test
    void noCallAfterRenewKeepsTheNotifierOfTheFirstReply() {
        Supplier<Optional<EventFd>> notifier = CallFault.NO_CALL_AFTER_RENEW.notifier(ring);
        assertThat(notifier.get()).contains(first);
        current.set(renewed);
        assertThat(notifier.get()).contains(first);
    }
}
