package dev.vfc.suite;

import static dev.vfc.suite.Robustness.GETATTR_REPLY;
import static dev.vfc.suite.Robustness.GETATTR_REQUEST;
import static dev.vfc.suite.Robustness.ROOT;

import dev.vfc.frontend.Completion;
import dev.vfc.frontend.DaemonFailure;
import dev.vfc.frontend.Frontend;
import dev.vfc.frontend.RawChain;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.memory.GuestRegion;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.virtqueue.Descriptor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Descriptor chains that break the split virtqueue's rules for the driver (virtio 1.3 §2.7, the
 * text of the 1.3 committee specification): addresses no memory region holds, loops, a next
 * index past the table, a readable descriptor after a writable one, a broken or nested indirect
 * table. All are on the hardening axis and graded by {@link Containment#ofCompletion}; besides
 * the used element, every check verifies that the device-readable buffers (request bytes and
 * indirect tables) are unchanged afterwards, as virtio 1.3 §2.7.5.1 requires of the device ("A
 * device MUST NOT write to a device-readable buffer"): a write there is a BREACH. A chain the
 * daemon never hands back while it keeps serving was dropped: CONTAINED.
 */
final class BrokenChains {

    static final String GRADES = "hardening: handed back unused, or an errno in the chain's writable buffer, "
            + "CONTAINED; served as if well-formed NON-STRICT; never handed back but the daemon keeps serving "
            + "CONTAINED (dropped); used.len past the writable buffers, a wrong used.id or a write into a "
            + "device-readable buffer BREACH; exit FAIL-STOP, silence HANG";
    /** How long a daemon gets to hand back a broken chain before it counts as dropped. */
    static final Duration DROPPED_AFTER = Duration.ofSeconds(3);
    static final long FAR = 1L << 40;

    private BrokenChains() {
    }

    static List<Scenario> scenarios() {
        String memory = "virtio 1.3 §2.7.5: \"addr is a physical address\" of a buffer the driver is using for the "
                + "device; an address outside every region of the memory table (QEMU 7.2 docs/interop/vhost-user.rst, "
                + "VHOST_USER_SET_MEM_TABLE) is no buffer at all (no MUST sentence names it; the layout does)";
        String loop = "virtio 1.3 §2.7.5.2: \"Drivers MUST NOT add a descriptor chain longer than 2^32 bytes in "
                + "total; this implies that loops in the descriptor chain are forbidden!\"";
        List<Scenario> all = new ArrayList<>();
        all.add(chain("robustness/chain/outside-memory/readable",
                "a GETATTR whose readable descriptor points 1 TiB into the guest, far past its RAM", memory,
                BrokenChains::readableOutside));
        all.add(chain("robustness/chain/outside-memory/writable",
                "a well-formed GETATTR whose writable descriptor points 1 TiB into the guest, far past its RAM",
                memory, BrokenChains::writableOutside));
        all.add(chain("robustness/chain/outside-memory/straddling-end",
                "a GETATTR whose 56-byte readable descriptor starts 20 bytes before the end of guest RAM", memory,
                BrokenChains::straddlingEnd));
        all.add(chain("robustness/chain/loop/direct",
                "a chain in the ring's table whose last descriptor's next points back at its head", loop,
                BrokenChains::directLoop));
        all.add(chain("robustness/chain/loop/indirect",
                "an indirect table whose last descriptor's next points back at its first", loop + "; §2.7.5.3.1: \"A "
                        + "driver MUST NOT create a descriptor chain longer than the Queue Size of the device.\"",
                BrokenChains::indirectLoop));
        all.add(chain("robustness/chain/next-past-queue",
                "a descriptor whose next is 128, one past the last index of a 128-entry queue", "virtio 1.3 §2.7.5: "
                        + "\"The number of descriptors in the table is defined by the queue size for this "
                        + "virtqueue\", so next 128 names no descriptor of a 128-entry table (the layout, not a MUST)",
                BrokenChains::nextPastQueue));
        all.add(chain("robustness/chain/readable-after-writable",
                "a chain with its writable reply buffer before its readable request", "virtio 1.3 §2.7.4.2: \"The "
                        + "driver MUST place any device-writable descriptor elements after any device-readable "
                        + "descriptor elements.\"",
                BrokenChains::readableAfterWritable));
        all.add(chain("robustness/chain/indirect/length-not-multiple-of-16",
                "an indirect descriptor of 40 bytes: two whole descriptors and half of a third", "virtio 1.3 "
                        + "§2.7.5.3: the indirect table is \"struct virtq_desc desc[len / 16]\", \"16 bytes each\", "
                        + "so a len of 40 describes no table of whole descriptors (the layout, not a MUST)",
                BrokenChains::indirectBadLength));
        all.add(chain("robustness/chain/indirect/nested",
                "an indirect table whose only descriptor is itself INDIRECT", "virtio 1.3 §2.7.5.3.1: \"The driver "
                        + "MUST NOT set the VIRTQ_DESC_F_INDIRECT flag within an indirect descriptor (ie. only one "
                        + "table per descriptor).\"",
                BrokenChains::nestedIndirect));
        all.add(chain("robustness/ring/avail-head-past-queue",
                "an avail ring entry naming head 133, past the last descriptor of a 128-entry queue", "virtio 1.3 "
                        + "§2.7.6: the avail ring's entries are heads of descriptor chains, and §2.7.5: \"The number "
                        + "of descriptors in the table is defined by the queue size for this virtqueue\", so an entry "
                        + "of 133 names no descriptor of a 128-entry table and no chain to hand back (the layout, not "
                        + "a MUST)",
                (chain, frontend) -> frontend.requestQueue().queueSize() + 5));
        return all;
    }

    /** Builds a chain by hand (descriptors may point anywhere) and returns its head index. */
    @FunctionalInterface
    interface ChainBuilder {
        int build(Watched chain, Frontend frontend);
    }

    /**
     * A {@link RawChain} that remembers what it put in device-readable memory, so the check can
     * tell whether the daemon wrote there.
     */
    static final class Watched {
        private final RawChain raw;
        private final Frontend frontend;
        private final List<long[]> spans = new ArrayList<>();
        private final List<byte[]> contents = new ArrayList<>();

        Watched(RawChain raw, Frontend frontend) {
            this.raw = raw;
            this.frontend = frontend;
        }

        long readable(ByteBuffer bytes) {
            long gpa = raw.readable(bytes);
            remember(gpa, bytes);
            return gpa;
        }

        long writable(int length) {
            return raw.writable(length);
        }

        void descriptor(int index, Descriptor d) {
            raw.descriptor(index, d);
        }

        long indirectTable(List<Descriptor> table) {
            ByteBuffer bytes = ByteBuffer.allocate(table.size() * Descriptor.SIZE).order(ByteOrder.LITTLE_ENDIAN);
            table.forEach(d -> d.encodeTo(bytes));
            return readable(bytes.flip());
        }

        /** Puts {@code bytes} at {@code gpa} directly (memory the allocator does not hand out). */
        void place(long gpa, ByteBuffer bytes) {
            frontend.memory().slice(gpa, bytes.remaining()).put(bytes.duplicate());
            remember(gpa, bytes);
        }

        private void remember(long gpa, ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            spans.add(new long[] {gpa, copy.length});
            contents.add(copy);
        }

        /** A BREACH naming the first device-readable buffer that changed, or null. */
        Verdict overwritten() {
            for (int i = 0; i < spans.size(); i++) {
                long gpa = spans.get(i)[0];
                byte[] now = new byte[(int) spans.get(i)[1]];
                frontend.memory().slice(gpa, now.length).get(now);
                if (!Arrays.equals(now, contents.get(i))) {
                    return Verdict.breach("the daemon wrote into a device-readable buffer (" + now.length
                            + " bytes at guest address 0x" + Long.toHexString(gpa) + "), which virtio 1.3 §2.7.5.1 "
                            + "forbids");
                }
            }
            return null;
        }

        Completion submit(int head, Duration timeout) {
            return raw.submit(head, timeout);
        }
    }

    private static Scenario chain(String id, String title, String driverRule, ChainBuilder build) {
        return Scenario.builder(id).title(title).rule(driverRule + ". " + GRADES)
                .hardening()
                .check(Containment.guarded(c -> {
                    Steps.init(c.fuse());
                    Frontend frontend = c.session().frontend();
                    Watched raw = new Watched(frontend.requestQueue().rawChain(), frontend);
                    int head = build.build(raw, frontend);
                    Duration wait = min(DROPPED_AFTER, frontend.options().requestTimeout());
                    Verdict v;
                    try {
                        v = Containment.ofCompletion(raw.submit(head, wait));
                    } catch (DaemonFailure.TimedOut dropped) {
                        v = Verdict.contained("the chain was not handed back within " + wait.toMillis() + " ms "
                                + "(dropped)");
                    }
                    Verdict written = raw.overwritten();
                    return Serving.hardening(c, written != null ? written : v);
                }));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A GETATTR of the root, header and body in one buffer. */
    static ByteBuffer getattrRequest() {
        FuseInHeader h = FuseInHeader.of(FuseOpcode.GETATTR, GETATTR_REQUEST, 0x7f00, ROOT, 0, 0, 1);
        ByteBuffer b = ByteBuffer.allocate(GETATTR_REQUEST).order(ByteOrder.LITTLE_ENDIAN);
        h.encodeTo(b);
        new GetattrIn(0, 0).encodeTo(b);
        return b.flip();
    }

    static int readableOutside(Watched chain, Frontend frontend) {
        long out = chain.writable(GETATTR_REPLY);
        chain.descriptor(0, new Descriptor(FAR, GETATTR_REQUEST, Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0));
        return 0;
    }

    static int writableOutside(Watched chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        chain.descriptor(0, new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(FAR, GETATTR_REPLY, Descriptor.WRITE, 0));
        return 0;
    }

    /**
     * The request's first 20 bytes are the last 20 bytes of guest RAM; the descriptor claims 56.
     * (The frontend's allocator fills RAM from the bottom, so the top is free.)
     */
    static int straddlingEnd(Watched chain, Frontend frontend) {
        long at = endOfRam(frontend) - 20;
        chain.place(at, getattrRequest().limit(20));
        long out = chain.writable(GETATTR_REPLY);
        chain.descriptor(0, new Descriptor(at, GETATTR_REQUEST, Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0));
        return 0;
    }

    static int directLoop(Watched chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        long out = chain.writable(GETATTR_REPLY);
        chain.descriptor(0, new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE | Descriptor.NEXT, 0));
        return 0;
    }

    static int indirectLoop(Watched chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        long out = chain.writable(GETATTR_REPLY);
        long table = chain.indirectTable(List.of(
                new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1),
                new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE | Descriptor.NEXT, 0)));
        chain.descriptor(0, new Descriptor(table, 2 * Descriptor.SIZE, Descriptor.INDIRECT, 0));
        return 0;
    }

    static int nextPastQueue(Watched chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        chain.descriptor(0, new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 128));
        return 0;
    }

    static int readableAfterWritable(Watched chain, Frontend frontend) {
        long out = chain.writable(GETATTR_REPLY);
        long request = chain.readable(getattrRequest());
        chain.descriptor(0, new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE | Descriptor.NEXT, 1));
        chain.descriptor(1, new Descriptor(request, GETATTR_REQUEST, 0, 0));
        return 0;
    }

    static int indirectBadLength(Watched chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        long out = chain.writable(GETATTR_REPLY);
        long table = chain.indirectTable(List.of(
                new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1),
                new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0),
                new Descriptor(0, 0, 0, 0)));
        chain.descriptor(0, new Descriptor(table, 40, Descriptor.INDIRECT, 0));
        return 0;
    }

    static int nestedIndirect(Watched chain, Frontend frontend) {
        long request = chain.readable(getattrRequest());
        long out = chain.writable(GETATTR_REPLY);
        long inner = chain.indirectTable(List.of(
                new Descriptor(request, GETATTR_REQUEST, Descriptor.NEXT, 1),
                new Descriptor(out, GETATTR_REPLY, Descriptor.WRITE, 0)));
        long outer = chain.indirectTable(List.of(new Descriptor(inner, 2 * Descriptor.SIZE, Descriptor.INDIRECT, 0)));
        chain.descriptor(0, new Descriptor(outer, Descriptor.SIZE, Descriptor.INDIRECT, 0));
        return 0;
    }

    /** The top of the last guest RAM region. */
    static long endOfRam(Frontend frontend) {
        List<GuestRegion> regions = frontend.memory().regions();
        GuestRegion last = regions.get(regions.size() - 1);
        return last.guestPhysAddr() + last.size();
    }
}
