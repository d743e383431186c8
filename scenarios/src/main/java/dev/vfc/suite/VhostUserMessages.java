package dev.vfc.suite;

import dev.vfc.frontend.Ack;
import dev.vfc.frontend.Completion;
import dev.vfc.frontend.DaemonFailure;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.HostileChannel;
import dev.vfc.frontend.MemoryMode;
import dev.vfc.memory.GuestRegion;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * vhost-user messages QEMU never sends: payloads whose size is not the request's, a request code
 * the protocol does not define, fds on messages that carry none or more than one, a memory region
 * that overlaps another, the removal of the region the rings live in, and a whole new memory
 * table while the rings run. Each goes out with NEED_REPLY after INIT; then the device is reset
 * and the daemon must serve the root again ({@link Serving#hardening}).
 */
final class VhostUserMessages {

    static final String GRADES = "hardening: refused (a non-zero REPLY_ACK status) CONTAINED; accepted, or no reply "
            + "to NEED_REPLY, NON-STRICT; exit or a closed socket FAIL-STOP, silence HANG";
    private static final String SPEC = "QEMU 7.2 docs/interop/vhost-user.rst";
    private static final String SIZE_RULE = SPEC + ", \"Message Specification\": size is the \"Size of the "
            + "payload\", and each request names its payload";
    private static final String FD_RULE = SPEC + ", \"Communication\": fds ride only on the messages that "
            + "name one (SET_MEM_TABLE, ADD_MEM_REG, SET_LOG_BASE, SET_LOG_FD, SET_VRING_KICK, SET_VRING_CALL, "
            + "SET_VRING_ERR, SET_BACKEND_REQ_FD, SET_INFLIGHT_FD), one per region or one per notifier";

    private VhostUserMessages() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(message("robustness/vhost-user/payload-size/short",
                "SET_FEATURES with a 4-byte payload where the request carries a u64", SIZE_RULE,
                h -> h.sendBytes(VhostUserRequest.SET_FEATURES.code(), zeros(4))));
        all.add(message("robustness/vhost-user/payload-size/long",
                "SET_VRING_ENABLE with a 16-byte payload where the request carries an 8-byte vring state", SIZE_RULE,
                h -> h.sendBytes(VhostUserRequest.SET_VRING_ENABLE.code(), vringState(Frontend.REQUEST, 1, 16))));
        all.add(message("robustness/vhost-user/payload-size/past-maximum",
                "SET_FEATURES with a 64 KiB payload, far past any request's", SIZE_RULE + "; QEMU 7.2's largest "
                        + "payload (VhostUserPayload in hw/virtio/vhost-user.c) is a few hundred bytes",
                h -> h.sendBytes(VhostUserRequest.SET_FEATURES.code(), zeros(64 * 1024))));
        all.add(message("robustness/vhost-user/unknown-request",
                "request code 999, which vhost-user does not define, with a u64 payload", SPEC + ", \"Front-end "
                        + "message types\": the codes the protocol defines end in the 40s; 999 is none of them",
                h -> h.sendBytes(999, zeros(8))));
        all.add(message("robustness/vhost-user/fds/unexpected",
                "SET_VRING_ENABLE with an eventfd attached", FD_RULE,
                h -> withEventFds(1, fds -> h.sendBytes(VhostUserRequest.SET_VRING_ENABLE.code(),
                        vringState(Frontend.REQUEST, 1, 8), fds))));
        all.add(message("robustness/vhost-user/fds/two-on-call",
                "SET_VRING_CALL for the request queue with two eventfds", FD_RULE,
                h -> withEventFds(2, fds -> h.send(VhostUserRequest.SET_VRING_CALL,
                        new VhostUserPayload.VringFile(Frontend.REQUEST, false), fds))));
        all.add(message("robustness/vhost-user/fds/past-32",
                "SET_VRING_CALL for the request queue with 33 eventfds, one more than rust-vmm's 32 slots", FD_RULE,
                h -> withEventFds(UnixSocket.MAX_FDS + 1, fds -> h.send(VhostUserRequest.SET_VRING_CALL,
                        new VhostUserPayload.VringFile(Frontend.REQUEST, false), fds))));
        all.add(scenario("robustness/vhost-user/mem-table/overlapping-region",
                "a memory region whose guest addresses overlap the region already mapped", SPEC + ", "
                        + "ADD_MEM_REG and SET_MEM_TABLE: each region maps a range of guest physical addresses; two "
                        + "regions for one address leave it no single meaning (the layout, not a MUST)",
                VhostUserMessages::overlappingRegion));
        all.add(scenario("robustness/vhost-user/rem-mem-reg/ring-region",
                "REM_MEM_REG of the region the running rings live in, then a GETATTR on the request queue", SPEC
                        + ", REM_MEM_REG: the back-end stops using the region; QEMU 7.2 never removes memory a "
                        + "started ring lives in. A GETATTR served through it was served from memory the guest "
                        + "took back",
                VhostUserMessages::removeRingRegion));
        all.add(scenario("robustness/vhost-user/mem-table/replaced-while-running",
                "SET_MEM_TABLE with the same regions while the rings run, where ADD_MEM_REG was negotiated, then "
                        + "a GETATTR", SPEC + ", SET_MEM_TABLE: the back-end maps the new table and translates "
                        + "through it from then on; serving on through it is what a hot-plug needs",
                VhostUserMessages::replaceTableWhileRunning));
        return all;
    }

    /** One hostile message; returns the daemon's ack. */
    @FunctionalInterface
    interface Message {
        Ack send(HostileChannel channel) throws Exception;
    }

    private static Scenario message(String id, String title, String rule, Message message) {
        return scenario(id, title, rule, f -> Containment.ofAck(message.send(f.hostile()), title));
    }

    private static Scenario scenario(String id, String title, String rule, RingSetups.Attack exchange) {
        return RingSetups.resetAfter(id, title, rule + ". " + GRADES, exchange);
    }

    private static Verdict overlappingRegion(Frontend f) {
        GuestRegion first = f.memory().regions().get(0);
        long size = Math.min(first.size() / 2, 1L << 20);
        VhostUserPayload.MemoryRegion overlap = new VhostUserPayload.MemoryRegion(first.guestPhysAddr() + size, size,
                RingSetups.far(f), 0);
        HostileChannel h = f.hostile();
        if (f.memoryModeUsed() == MemoryMode.ADD_MEM_REG) {
            VhostUserPayload.SingleMemoryRegion region = new VhostUserPayload.SingleMemoryRegion(overlap);
            Ack ack = h.send(VhostUserRequest.ADD_MEM_REG, region, f.memory().fd());
            if (ack instanceof Ack.Accepted) {
                h.send(VhostUserRequest.REM_MEM_REG, region);
            }
            return Containment.ofAck(ack, "ADD_MEM_REG of an overlapping region");
        }
        List<VhostUserPayload.MemoryRegion> regions = new ArrayList<>(f.memory().regions().stream()
                .map(VhostUserPayload.MemoryRegion::of).toList());
        regions.add(overlap);
        int[] fds = regions.stream().mapToInt(r -> f.memory().fd()).toArray();
        return Containment.ofAck(h.send(VhostUserRequest.SET_MEM_TABLE, new VhostUserPayload.MemoryTable(regions),
                fds), "SET_MEM_TABLE with an overlapping region");
    }

    /**
     * The first region holds the rings (the frontend lays them out at its bottom). With SET_MEM_TABLE
     * negotiated there is no REM_MEM_REG to send: UNSUPPORTED.
     */
    private static Verdict removeRingRegion(Frontend f) {
        if (f.memoryModeUsed() != MemoryMode.ADD_MEM_REG) {
            return Verdict.unsupported("the daemon did not negotiate CONFIGURE_MEM_SLOTS, so REM_MEM_REG is not "
                    + "its to receive");
        }
        HostileChannel h = f.hostile();
        VhostUserPayload.SingleMemoryRegion ringRegion = new VhostUserPayload.SingleMemoryRegion(
                VhostUserPayload.MemoryRegion.of(f.memory().regions().get(0)));
        Ack removed = h.send(VhostUserRequest.REM_MEM_REG, ringRegion);
        if (removed instanceof Ack.Refused) {
            return Containment.ofAck(removed, "REM_MEM_REG of the ring region");
        }
        Verdict served = getattrOnRequestQueue(f);
        h.send(VhostUserRequest.ADD_MEM_REG, ringRegion, f.memory().fd());
        return served.kind() == Verdict.Kind.CONTAINED
                ? Verdict.contained("REM_MEM_REG " + removed.describe() + "; then " + served.detail())
                : Verdict.nonStrict("REM_MEM_REG " + removed.describe() + ", then " + served.detail() + " through "
                        + "the region it had removed");
    }

    private static Verdict replaceTableWhileRunning(Frontend f) {
        List<VhostUserPayload.MemoryRegion> regions = f.memory().regions().stream()
                .map(VhostUserPayload.MemoryRegion::of).toList();
        int[] fds = regions.stream().mapToInt(r -> f.memory().fd()).toArray();
        Ack ack = f.hostile().send(VhostUserRequest.SET_MEM_TABLE, new VhostUserPayload.MemoryTable(regions), fds);
        if (ack instanceof Ack.Refused) {
            return Containment.ofAck(ack, "SET_MEM_TABLE while the rings run");
        }
        Verdict served = getattrOnRequestQueue(f);
        String took = "SET_MEM_TABLE " + ack.describe() + "; then ";
        return served.kind() == Verdict.Kind.NON_STRICT
                ? Verdict.contained(took + served.detail() + " through the new table")
                : Verdict.nonStrict(took + served.detail() + ": the running ring stopped serving until the reset");
    }

    /**
     * A GETATTR of the root built by hand: {@link Verdict#nonStrict} when it was served, CONTAINED
     * when it was refused or dropped (never handed back within {@link BrokenChains#DROPPED_AFTER}).
     */
    private static Verdict getattrOnRequestQueue(Frontend f) {
        try {
            Completion done = RingSetups.placeGetattr(f.requestQueue()).submit(0, BrokenChains.DROPPED_AFTER);
            return Containment.ofCompletion(done).kind() == Verdict.Kind.NON_STRICT
                    ? Verdict.nonStrict("served a GETATTR (used.len " + Integer.toUnsignedLong(done.usedLen()) + ")")
                    : Verdict.contained("refused a GETATTR (used.len " + Integer.toUnsignedLong(done.usedLen()) + ")");
        } catch (DaemonFailure.TimedOut dropped) {
            return Verdict.contained("a GETATTR was not handed back within " + BrokenChains.DROPPED_AFTER.toMillis()
                    + " ms (dropped)");
        }
    }

    @FunctionalInterface
    private interface WithFds {
        Ack send(int[] fds) throws Exception;
    }

    /** Sends with {@code n} fresh eventfds attached, and closes this end's copies afterwards. */
    private static Ack withEventFds(int n, WithFds send) throws Exception {
        int[] fds = new int[n];
        List<EventFd> opened = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                EventFd e = EventFd.create();
                opened.add(e);
                fds[i] = e.fd();
            }
            return send.send(fds);
        } finally {
            opened.forEach(EventFd::close);
        }
    }

    private static ByteBuffer zeros(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A vring state {index, num} padded with zeros to {@code size} bytes. */
    private static ByteBuffer vringState(int index, int num, int size) {
        ByteBuffer b = zeros(size);
        b.putInt(0, index).putInt(4, num);
        return b;
    }
}
