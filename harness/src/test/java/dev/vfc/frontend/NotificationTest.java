package dev.vfc.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.frontend.Notification.Suppression;
import org.junit.jupiter.api.Test;

/**
 * The device's duty to notify, virtio 1.3 §2.7.7.2, computed by hand: with EVENT_IDX the
 * element written at used index {@code used_event} must be notified, so a batch that moved
 * used.idx from {@code old} to {@code new} owes one when used_event lies in [old, new),
 * counted modulo 2^16.
 */
class NotificationTest {

    private static Notification eventIdx(int usedEvent, int oldUsed, int newUsed) {
        return new Notification(Suppression.EVENT_IDX, usedEvent, oldUsed, newUsed, false);
    }

    @Test
    void withoutEventIdxAndWithFlagsClearEveryElementMustBeNotified() {
        assertThat(new Notification(Suppression.NONE, 0, 7, 8, false).required()).isTrue();
    }

    @Test
    void noInterruptMeansNoNotificationIsOwed() {
        Notification polled = new Notification(Suppression.NO_INTERRUPT, 0, 7, 8, false);
        assertThat(polled.required()).isFalse();
        assertThat(polled.missing()).isFalse();
        assertThat(polled.describe()).isEqualTo("no (not required: VRING_AVAIL_F_NO_INTERRUPT)");
    }

    @Test
    void theElementPlacedAtUsedEventMustBeNotified() {
        // (8 - 7 - 1) & 0xffff = 0 < (8 - 7) = 1
        assertThat(eventIdx(7, 7, 8).required()).isTrue();
    }

    @Test
    void anElementBeforeUsedEventNeedsNoNotification() {
        // used_event 9, element at 7: (8 - 9 - 1) & 0xffff = 65534, not < 1
        assertThat(eventIdx(9, 7, 8).required()).isFalse();
        assertThat(eventIdx(9, 7, 8).describe()).isEqualTo("no (not required: used_event 9 not reached)");
    }

    @Test
    void anElementPastAnOldUsedEventNeedsNoNotification() {
        // used_event 6 was passed by an earlier element: (8 - 6 - 1) = 1, not < 1
        assertThat(eventIdx(6, 7, 8).required()).isFalse();
    }

    @Test
    void theElementAtIndex65535OwesTheNotificationWhenUsedEventIs65535() {
        // old 0xffff, new wraps to 0: (0 - 0xffff - 1) & 0xffff = 0 < (0 - 0xffff) & 0xffff = 1
        assertThat(eventIdx(0xffff, 0xffff, 0).required()).isTrue();
    }

    @Test
    void usedEventZeroIsNotReachedByTheElementAt65535() {
        // (0 - 0 - 1) & 0xffff = 65535, not < 1: the element at index 0 owes it, as the spec's note says
        assertThat(eventIdx(0, 0xffff, 0).required()).isFalse();
        assertThat(eventIdx(0, 0, 1).required()).isTrue();
    }

    @Test
    void aBatchAcrossTheWrapOwesOneNotificationWhenUsedEventLiesInside() {
        // old 0xfffe, new 1: three elements at 0xfffe, 0xffff, 0; (1 - 0xfffe) & 0xffff = 3
        assertThat(eventIdx(0xfffe, 0xfffe, 1).required()).as("first of the batch").isTrue(); // 2 < 3
        assertThat(eventIdx(0, 0xfffe, 1).required()).as("last of the batch").isTrue(); // 0 < 3
        assertThat(eventIdx(1, 0xfffe, 1).required()).as("the next one").isFalse(); // 65535
        assertThat(eventIdx(0xfffd, 0xfffe, 1).required()).as("the one before").isFalse(); // 3, not < 3
    }

    @Test
    void aRequiredNotificationThatDidNotFireIsMissingAndSaysSo() {
        Notification n = eventIdx(7, 7, 8);
        assertThat(n.missing()).isTrue();
        assertThat(n.describe()).isEqualTo("no (required)");
        assertThat(n.explain()).isEqualTo("VIRTIO_F_EVENT_IDX was negotiated and used_event was 7, and the element "
                + "was placed at used index 7; the call eventfd did not fire");
    }

    @Test
    void aRequiredNotificationThatFiredIsNotMissing() {
        Notification n = new Notification(Suppression.EVENT_IDX, 7, 7, 8, true);
        assertThat(n.missing()).isFalse();
        assertThat(n.describe()).isEqualTo("yes");
    }

    @Test
    void theClauseCitedIsTheOneForTheRingsMode() {
        assertThat(eventIdx(7, 7, 8).clause()).contains("§2.7.7.2", "was equal to used_event, the device MUST");
        assertThat(new Notification(Suppression.NONE, 0, 7, 8, false).clause())
                .contains("§2.7.7.2", "If flags is 0, the device MUST send a notification");
    }

    @Test
    void theRuleQuotesTheDeviceRequirementsOfBothModes() {
        assertThat(Notification.RULE).contains("§2.7.7.2", "If flags is 0, the device MUST send a notification",
                "was equal to used_event, the device MUST send a notification", "VHOST_USER_SET_VRING_CALL");
    }
}
