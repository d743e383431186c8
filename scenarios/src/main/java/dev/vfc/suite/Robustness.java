package dev.vfc.suite;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.Segment;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.GetattrIn;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The robustness area: requests a driver may not build ({@link MalformedRequests}: truncated
 * headers and bodies, an {@code in_header.len} that disagrees with the chain, opcodes),
 * requests without a reply ({@link Forgets}), descriptor chains that break the split
 * virtqueue's rules ({@link BrokenChains}), and below FUSE, hostile ring set-ups
 * ({@link RingSetups}) and vhost-user messages ({@link VhostUserMessages}). What they share
 * lives here.
 */
public final class Robustness {

    static final long ROOT = 1;
    static final String FILE = "file.bin";
    static final int FILE_SIZE = 4096;
    /** The 16 + fuse_attr_out a GETATTR reply needs. */
    static final int GETATTR_REPLY = FuseOutHeader.SIZE + AttrOut.SIZE;
    /** GETATTR's header and fuse_getattr_in: the request most chain scenarios carry. */
    static final int GETATTR_REQUEST = FuseInHeader.SIZE + GetattrIn.SIZE;

    private Robustness() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(MalformedRequests.scenarios());
        all.addAll(Forgets.scenarios());
        all.addAll(BrokenChains.scenarios());
        all.addAll(RingSetups.scenarios());
        all.addAll(VhostUserMessages.scenarios());
        all.addAll(Disconnects.scenarios());
        return all;
    }

    /**
     * For conformance checks that end "and it keeps serving": {@link Serving#conformance}.
     * Kept for the sizing area, which calls it by this name.
     */
    static Verdict afterwards(ScenarioContext c, Verdict verdict) {
        return Serving.conformance(c, verdict);
    }

    static ByteBuffer bytes(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Sends {@code header} encoded, then {@code body} buffers, then writable buffers of these lengths. */
    static Exchange send(FuseSession fuse, FuseInHeader header, String description, List<ByteBuffer> body,
            int... writable) {
        List<Segment> segments = new ArrayList<>();
        segments.add(Segment.readable(FuseSession.encode(header)));
        body.forEach(b -> segments.add(Segment.readable(b)));
        for (int w : writable) {
            segments.add(Segment.writable(w));
        }
        return fuse.raw(header, description, new ChainLayout(segments, fuse.frontend().indirectNegotiated()));
    }
}
