package dev.vfc.session;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.Segment;
import dev.vfc.frontend.Completion;
import dev.vfc.frontend.Notification;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.results.RecordedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One request and what came back, as a transcript keeps it: the decoded header and body,
 * the descriptor layout, the used element, the decoded reply, and the transport rules the
 * reply broke (virtio 1.3 §2.7.8: used.len counts bytes written; FUSE: out.len is the reply
 * length and out.unique echoes the request, which Linux's {@code virtio_fs_verify_response}
 * and OVMF's {@code VirtioFsFuseCheckResponse} both enforce).
 */
public record Exchange(long sequence, int queue, FuseInHeader request, String requestBody, ChainLayout layout,
        Completion completion, Optional<FuseOutHeader> reply, String replyBody) {

    public List<String> transportAnomalies() {
        List<String> anomalies = new ArrayList<>();
        long writable = layout.writableBytes();
        long used = Integer.toUnsignedLong(completion.usedLen());
        if (completion.usedId() != completion.head()) {
            anomalies.add("used.id " + completion.usedId() + " is not the chain head " + completion.head());
        }
        if (used > writable) {
            anomalies.add("used.len " + used + " exceeds the " + writable + " writable bytes");
        }
        reply.ifPresent(out -> {
            if (Integer.toUnsignedLong(out.len()) != used) {
                anomalies.add("out.len " + Integer.toUnsignedLong(out.len()) + " differs from used.len " + used);
            }
            if (out.unique() != request.unique()) {
                anomalies.add("out.unique " + out.unique() + " does not echo unique " + request.unique());
            }
        });
        return anomalies;
    }

    public double millis() {
        return completion.nanos() / 1e6;
    }

    /** Whether the daemon owed a used buffer notification for this reply and whether it came. */
    public Notification notification() {
        return completion.notification();
    }

    /** This exchange as a results file keeps it: fields, never a formatted line. */
    public RecordedExchange record() {
        List<Segment> segments = layout.segments();
        boolean[] writable = new boolean[segments.size()];
        long[] length = new long[segments.size()];
        for (int i = 0; i < writable.length; i++) {
            writable[i] = segments.get(i).writable();
            length[i] = Integer.toUnsignedLong(segments.get(i).length());
        }
        Notification n = notification();
        return new RecordedExchange(sequence, queue, request, requestBody, RecordedExchange.runs(writable, length),
                layout.indirect(), Integer.toUnsignedLong(completion.usedLen()),
                new RecordedExchange.Notified(n.required(), n.fired(), n.required() ? "" : n.whyNotRequired()),
                reply, replyBody, millis(), transportAnomalies());
    }

    /**
     * One line per exchange, as printed in failure messages and logs. The notification sits
     * right after used.len, inside the reply part the report's transcript parser cuts out.
     */
    public String describe() {
        return String.format("#%d q%d %s %s layout=%s -> used.len=%d notified: %s %s %s (%.2f ms)%s", sequence, queue,
                request, requestBody, layout.describe(), Integer.toUnsignedLong(completion.usedLen()),
                notification().describe(),
                reply.map(FuseOutHeader::toString).orElse("<no out header>"), replyBody, millis(),
                transportAnomalies().isEmpty() ? "" : " ANOMALIES " + transportAnomalies());
    }
}
