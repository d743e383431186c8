package dev.vfc.suite;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Changes to a driver's layout that scenarios apply to one request. */
public final class Layouts {

    private Layouts() {
    }

    /** The request as OVMF lays it out (one writable buffer after the header), inside an indirect table. */
    public static final UnaryOperator<ChainLayout> ONE_BUFFER_INDIRECT = layout -> new ChainLayout(
            coalesceReply(layout).segments(), true);

    /** Every writable segment after the 16-byte header merged into one, as OVMF sends data buffers. */
    public static ChainLayout coalesceReply(ChainLayout layout) {
        List<Segment> out = new ArrayList<>();
        boolean headerSeen = false;
        int data = 0;
        for (Segment s : layout.segments()) {
            if (!s.writable()) {
                out.add(s);
            } else if (!headerSeen) {
                out.add(s);
                headerSeen = true;
            } else {
                data += s.length();
            }
        }
        if (data > 0) {
            out.add(Segment.writable(data));
        }
        return new ChainLayout(out, layout.indirect());
    }

    /** The last writable segment {@code delta} bytes longer (negative: shorter), nothing else changed. */
    public static UnaryOperator<ChainLayout> growLastWritable(int delta) {
        return layout -> {
            List<Segment> out = new ArrayList<>(layout.segments());
            for (int i = out.size() - 1; i >= 0; i--) {
                if (out.get(i).writable()) {
                    out.set(i, Segment.writable(Math.max(0, out.get(i).length() + delta)));
                    break;
                }
            }
            return new ChainLayout(out, layout.indirect());
        };
    }
}
