package dev.vfc.suite;

import static dev.vfc.suite.Robustness.GETATTR_REPLY;
import static dev.vfc.suite.Robustness.GETATTR_REQUEST;

import dev.vfc.frontend.Ack;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.HostileChannel;
import dev.vfc.frontend.RawChain;
import dev.vfc.frontend.RingMessage;
import dev.vfc.frontend.VirtQueue;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.syscall.EventFd;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import dev.vfc.virtqueue.Descriptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rings set up against the rules: a queue size no split virtqueue has, ring addresses no memory
 * region holds, a base past the driver's avail index, an avail index that runs further ahead than
 * the ring holds, a kick for a ring never set up. The request queue is stopped and started again
 * with the hostile message (each sent with NEED_REPLY, so acceptance shows), a GETATTR is made
 * available on it and kicked, and after a moment the device is reset as a guest recovering from a
 * device error does; then the daemon must serve the root again ({@link Serving#hardening}).
 */
final class RingSetups {

    static final String GRADES = "hardening: the message refused, or the ring left unused, CONTAINED; the message "
            + "accepted, no reply to NEED_REPLY, or chains served that the driver never made available NON-STRICT; "
            + "a write into guest memory through a ring never set up BREACH; exit FAIL-STOP, silence HANG";
    /** How long the daemon gets to act on the hostile ring before the device is reset. */
    static final Duration SETTLE = Duration.ofMillis(500);
    private static final String SIZE_RULE = "virtio 1.3 §2.7: \"Queue Size value is always a power of 2. The "
            + "maximum Queue Size value is 32768.\" (QEMU 7.2 docs/interop/vhost-user.rst: SET_VRING_NUM \"Set the "
            + "size of the queue\")";
    private static final String ADDRESS_RULE = "QEMU 7.2 docs/interop/vhost-user.rst, SET_VRING_ADDR: the ring "
            + "addresses are in the front-end's address space, which the memory table maps; an address outside "
            + "every region names no ring (the layout, not a MUST)";

    private RingSetups() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(ring("robustness/ring/queue-size/zero", "SET_VRING_NUM 0 for the request queue", SIZE_RULE,
                f -> queueSize(f, 0)));
        all.add(ring("robustness/ring/queue-size/not-power-of-two", "SET_VRING_NUM 100 for the request queue",
                SIZE_RULE, f -> queueSize(f, 100)));
        all.add(ring("robustness/ring/queue-size/past-32768", "SET_VRING_NUM 65536 for the request queue",
                SIZE_RULE, f -> queueSize(f, 65536)));
        all.add(ring("robustness/ring/address-outside-memory/desc",
                "SET_VRING_ADDR with a descriptor table 1 TiB past the end of guest memory", ADDRESS_RULE,
                f -> address(f, Ring.DESC, far(f))));
        all.add(ring("robustness/ring/address-outside-memory/avail",
                "SET_VRING_ADDR with an available ring 1 TiB past the end of guest memory", ADDRESS_RULE,
                f -> address(f, Ring.AVAIL, far(f))));
        all.add(ring("robustness/ring/address-outside-memory/used",
                "SET_VRING_ADDR with a used ring 1 TiB past the end of guest memory", ADDRESS_RULE,
                f -> address(f, Ring.USED, far(f))));
        all.add(ring("robustness/ring/address-outside-memory/used-straddles-end",
                "SET_VRING_ADDR with a used ring starting 64 bytes before the end of guest memory", ADDRESS_RULE
                        + "; a 128-entry used ring is 1,030 bytes (virtio 1.3 §2.7), so all but its first 64 lie "
                        + "outside",
                f -> address(f, Ring.USED, lastUserAddress(f) - 64)));
        all.add(ring("robustness/ring/base-past-avail",
                "SET_VRING_BASE 10 past the avail index the driver published", "virtio 1.3 §2.7.6.1: \"A driver "
                        + "MUST NOT decrement the available idx on a virtqueue\"; a base past avail.idx makes the "
                        + "ring look as if it had, with 65,526 entries pending in a 128-entry queue",
                RingSetups::basePastAvail));
        all.add(ring("robustness/ring/avail-idx-jump",
                "avail.idx moved 129 past the used index of a 128-entry queue, every entry naming one GETATTR",
                "virtio 1.3 §2.7: \"if Queue Size is 4 then at most 4 buffers can be queued at any given time\"; "
                        + "§2.7.13: wrapping the available ring \"is not possible since the ring buffer is the same "
                        + "size as the descriptor table\"",
                RingSetups::availIdxJump));
        all.add(Scenario.builder("robustness/ring/kick-before-set-up")
                .title("a kick on the hiprio queue, which OVMF never sets up: no SET_VRING_NUM or SET_VRING_ADDR")
                .rule("QEMU 7.2 docs/interop/vhost-user.rst, \"Starting and stopping rings\": a ring starts when it "
                        + "has a kick fd and is enabled, and the addresses come first in every start QEMU sends "
                        + "(hw/virtio/vhost.c vhost_virtqueue_start); a ring without them is no ring. " + GRADES)
                .hardening().driver("ovmf")
                .check(Containment.guarded(c -> {
                    Steps.init(c.fuse());
                    Verdict v = kickBeforeSetUp(c.session().frontend());
                    return v.kind() == Verdict.Kind.BREACH ? v : Serving.hardening(c, v);
                })));
        return all;
    }

    /** A hostile ring set-up or message; returns the grade of what the daemon did with it. */
    @FunctionalInterface
    interface Attack {
        Verdict run(Frontend frontend) throws Exception;
    }

    private static Scenario ring(String id, String title, String rule, Attack attack) {
        return resetAfter(id, title, rule + ". " + GRADES, attack);
    }

    /**
     * A hardening scenario that INITs, runs {@code attack}, resets the device as a guest
     * recovering from a device error does, and then holds the daemon to serving the root.
     */
    static Scenario resetAfter(String id, String title, String rule, Attack attack) {
        return Scenario.builder(id).title(title).rule(rule).hardening()
                .check(Containment.guarded(c -> {
                    Steps.init(c.fuse());
                    Frontend frontend = c.session().frontend();
                    Verdict v = attack.run(frontend);
                    frontend.resetDevice();
                    return Serving.hardening(c, v);
                }));
    }

    private static Verdict queueSize(Frontend f, int size) {
        List<HostileChannel.Sent> sent = f.hostile().restartRequestQueue(rewrite(VhostUserRequest.SET_VRING_NUM,
                m -> m.withPayload(new VhostUserPayload.VringState(Frontend.REQUEST, size))));
        return afterSetUp(f, sent, VhostUserRequest.SET_VRING_NUM, "a queue size of " + size);
    }

    private enum Ring {
        DESC("descriptor table"), AVAIL("available ring"), USED("used ring");

        final String label;

        Ring(String label) {
            this.label = label;
        }
    }

    private static Verdict address(Frontend f, Ring which, long uva) {
        List<HostileChannel.Sent> sent = f.hostile().restartRequestQueue(rewrite(VhostUserRequest.SET_VRING_ADDR,
                m -> {
                    VhostUserPayload.VringAddress a = (VhostUserPayload.VringAddress) m.payload();
                    return m.withPayload(new VhostUserPayload.VringAddress(a.index(), a.flags(),
                            which == Ring.DESC ? uva : a.desc(), which == Ring.USED ? uva : a.used(),
                            which == Ring.AVAIL ? uva : a.avail(), a.log()));
                }));
        return afterSetUp(f, sent, VhostUserRequest.SET_VRING_ADDR, "the " + which.label + " at 0x"
                + Long.toHexString(uva) + ", outside the memory table");
    }

    /**
     * The base is accepted by everyone (SET_VRING_BASE cannot know what the ring holds); what
     * counts is whether the daemon then serves avail entries the driver never published.
     */
    private static Verdict basePastAvail(Frontend f) {
        VirtQueue q = f.requestQueue();
        int usedBefore = q.usedIdx();
        List<HostileChannel.Sent> sent = f.hostile().restartRequestQueue(rewrite(VhostUserRequest.SET_VRING_BASE,
                m -> {
                    VhostUserPayload.VringState base = (VhostUserPayload.VringState) m.payload();
                    return m.withPayload(new VhostUserPayload.VringState(base.index(), (base.num() + 10) & 0xffff));
                }));
        Ack ack = ackOf(sent, VhostUserRequest.SET_VRING_BASE);
        if (ack instanceof Ack.Refused) {
            return Containment.ofAck(ack, "SET_VRING_BASE with a base 10 past avail.idx");
        }
        q.kick();
        sleep(SETTLE);
        int moved = (q.usedIdx() - usedBefore) & 0xffff;
        return moved == 0 ? Verdict.contained("took the base and served nothing from the ring it made inconsistent")
                : Verdict.nonStrict("took a base 10 past avail.idx and moved used.idx by " + moved + ", returning "
                        + "chains the driver never made available");
    }

    private static Verdict availIdxJump(Frontend f) {
        VirtQueue q = f.requestQueue();
        int usedBefore = q.usedIdx();
        placeGetattr(q);
        q.publishRepeatedly(0, q.queueSize() + 1);
        sleep(SETTLE);
        int moved = (q.usedIdx() - usedBefore) & 0xffff;
        return moved == 0 ? Verdict.contained("served none of the " + (q.queueSize() + 1) + " entries an avail.idx "
                + "past the ring's size claims")
                : Verdict.nonStrict("moved used.idx by " + moved + " for an avail.idx " + (q.queueSize() + 1)
                        + " ahead in a " + q.queueSize() + "-entry ring");
    }

    /**
     * OVMF never sets up the hiprio queue (ovmf-virtiofsdxe: VirtioFsDxe uses the request queue
     * only), so queue 0 has no size or addresses; a daemon that defaults them to 0 would read a
     * "ring" at guest address 0, where this frontend keeps nothing, and any write there shows.
     */
    private static Verdict kickBeforeSetUp(Frontend f) throws Exception {
        int watched = 64 * 1024;
        byte[] before = new byte[watched];
        f.memory().slice(0, watched).get(before);
        try (EventFd kick = EventFd.create()) {
            HostileChannel h = f.hostile();
            Ack took = h.send(VhostUserRequest.SET_VRING_KICK, new VhostUserPayload.VringFile(Frontend.HIPRIO, false),
                    kick.fd());
            Ack enabled = h.send(VhostUserRequest.SET_VRING_ENABLE, new VhostUserPayload.VringState(Frontend.HIPRIO, 1));
            kick.signal();
            sleep(SETTLE);
            byte[] after = new byte[watched];
            f.memory().slice(0, watched).get(after);
            if (!Arrays.equals(before, after)) {
                return Verdict.breach("after a kick on a queue it was never given rings for, guest memory in the first "
                        + watched / 1024 + " KiB changed: it wrote through ring addresses the frontend never sent");
            }
            return Verdict.contained("ignored the kick (SET_VRING_KICK " + took.describe() + ", SET_VRING_ENABLE "
                    + enabled.describe() + ") and wrote nothing");
        }
    }

    /**
     * The grade of a hostile start message ({@link Containment#ofAck}); one the daemon did not
     * refuse is first put to use: a GETATTR made available on the ring and kicked.
     */
    private static Verdict afterSetUp(Frontend f, List<HostileChannel.Sent> sent, VhostUserRequest request,
            String what) {
        Ack ack = ackOf(sent, request);
        if (!(ack instanceof Ack.Refused)) {
            placeGetattr(f.requestQueue());
            f.requestQueue().publishRepeatedly(0, 1);
            sleep(SETTLE);
        }
        return Containment.ofAck(ack, request + " with " + what);
    }

    private static Ack ackOf(List<HostileChannel.Sent> sent, VhostUserRequest request) {
        return sent.stream().filter(s -> s.message().request() == request).map(HostileChannel.Sent::ack)
                .findFirst().orElseThrow(() -> new IllegalStateException(request + " was not sent"));
    }

    private static UnaryOperator<List<RingMessage>> rewrite(VhostUserRequest request, UnaryOperator<RingMessage> how) {
        return start -> start.stream().map(m -> m.request() == request ? how.apply(m) : m).toList();
    }

    /** A GETATTR of the root in descriptors 0 and 1 of the ring's table, not yet made available. */
    static RawChain placeGetattr(VirtQueue q) {
        RawChain raw = q.rawChain();
        ByteBuffer request = BrokenChains.getattrRequest();
        long in = raw.readable(request);
        long out = raw.writable(GETATTR_REPLY);
        raw.descriptor(0, new Descriptor(in, GETATTR_REQUEST, Descriptor.NEXT, 1));
        raw.descriptor(1, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0));
        return raw;
    }

    /** A frontend address 1 TiB past the last region's end. */
    static long far(Frontend f) {
        return lastUserAddress(f) + (1L << 40);
    }

    /** The frontend address one past the highest byte of any region. */
    static long lastUserAddress(Frontend f) {
        return f.memory().regions().stream().mapToLong(r -> r.userspaceAddr() + r.size()).max().orElseThrow();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
