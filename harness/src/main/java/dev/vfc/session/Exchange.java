package dev.vfc.session;

import dev.vfc.driver.ChainLayout;
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
        return new RecordedExchange(sequence, queue, request, requestBody, layout.runs(), layout.indirect(),
                Integer.toUnsignedLong(completion.usedLen()), notification().recorded(), reply, replyBody, millis(),
                transportAnomalies());
    }

    /** One line per exchange, as printed in failure messages and logs ({@link RecordedExchange#describe}). */
    public String describe() {
        return record().describe();
    }
}
