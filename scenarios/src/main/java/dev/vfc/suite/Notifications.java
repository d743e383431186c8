package dev.vfc.suite;

import dev.vfc.frontend.FrontendOptions;
import dev.vfc.frontend.Notification.Suppression;
import dev.vfc.frontend.Notification;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseSession;
import dev.vfc.vhostuser.VirtioFeatures;
import java.util.List;

/**
 * Used buffer notifications in the ring states the other scenarios do not reach. Every
 * conformance scenario is already judged on its notifications (a reply published without the
 * one its ring required FAILs, see {@link Notification#RULE}); these put the rings where a
 * daemon's notification arithmetic is most likely wrong: used.idx wrapping past 65535 with
 * VIRTIO_F_EVENT_IDX, and a driver that negotiates no event index at all.
 */
final class Notifications {

    /** Six requests before the wrap, the rest after it. */
    private static final int WRAP_BASE = 0x10000 - 6;
    private static final int REQUESTS = 12;

    private Notifications() {
    }

    static List<Scenario> scenarios() {
        return List.of(
                Scenario.builder("lifecycle/notify/event-idx/index-wrap")
                        .title("With VIRTIO_F_EVENT_IDX, rings handed over at index 65530 (SET_VRING_BASE, as after "
                                + "migration): each of " + REQUESTS + " replies, across used.idx 65535 -> 0, is "
                                + "notified")
                        .rule(Notification.RULE + "; indices are 16-bit and wrap, as the spec's note there says: "
                                + "\"if used_event is 0, then a device using VIRTIO_F_EVENT_IDX would send a used "
                                + "buffer notification to the driver after the first buffer is used (and again "
                                + "after the 65536th buffer, etc)\"")
                        .options(FrontendOptions.defaults().withRingBase(WRAP_BASE))
                        .check(c -> everyReplyNotified(c, Suppression.EVENT_IDX, "across used index 65535 -> 0")),
                Scenario.builder("lifecycle/notify/flags-clear/any-driver")
                        .title("A driver that does not negotiate VIRTIO_F_EVENT_IDX and leaves avail.flags 0: each "
                                + "of " + REQUESTS + " replies is notified (no modelled driver does this: Linux 6.1 "
                                + "acks EVENT_IDX when offered, OVMF sets VRING_AVAIL_F_NO_INTERRUPT and polls; "
                                + "virtio 1.3 §2.7.7.1 lets a driver set flags 0 without EVENT_IDX)")
                        .rule(Notification.RULE)
                        .options(FrontendOptions.defaults().withoutFeatures(VirtioFeatures.RING_EVENT_IDX))
                        .check(c -> everyReplyNotified(c, Suppression.NONE, "with avail.flags 0 and no event index")));
    }

    /**
     * INIT, then GETATTRs of the root: every reply must have come with its notification. A
     * daemon that does not offer EVENT_IDX cannot be tested on its event index: SKIPPED.
     */
    private static Verdict everyReplyNotified(ScenarioContext c, Suppression ring, String where) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        Suppression negotiated = fuse.transcript().last().notification().suppression();
        if (negotiated != ring) {
            return new Verdict.Skipped("the ring runs with " + negotiated + " suppression, not " + ring
                    + ": the daemon did not offer VIRTIO_F_EVENT_IDX");
        }
        for (int i = 1; i < REQUESTS; i++) {
            Steps.require(fuse.getattr(1), "GETATTR of the root (" + i + ")");
        }
        List<Exchange> exchanges = fuse.transcript().exchanges();
        long owed = exchanges.stream().filter(e -> e.notification().required()).count();
        return c.session().missedNotification().map(Verdict::fail)
                .orElseGet(() -> Verdict.pass(exchanges.size() + " replies " + where + ", " + owed
                        + " of them owed a notification (virtio 1.3 §2.7.7.2), each notified"));
    }
}
