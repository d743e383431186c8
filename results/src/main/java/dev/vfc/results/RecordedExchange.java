package dev.vfc.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One FUSE request and what came back, as a results file keeps it: fields, not a formatted line,
 * so the report renders them and nothing parses text back. This is the one place that encodes and
 * decodes an exchange.
 *
 * @param number       the exchange's place in its session, from 1
 * @param queue        the virtqueue it went on (0 hiprio, 1 the first request queue)
 * @param request      the fuse_in_header as sent (a hostile one may disagree with the chain)
 * @param requestBody  the request's body as decoded for people ({@code ReadIn[fh=0, offset=0, size=8192]})
 * @param chain        the descriptor chain in order, each run of equal descriptors once with its count
 *     (a Linux READ of 124 pages is 2 readable descriptors, then 16 bytes, then 124 pages)
 * @param indirect     whether the chain sat in an indirect table
 * @param usedLen      the used element's len
 * @param notification whether a used buffer notification was owed and whether it came
 * @param reply        the fuse_out_header, empty when the used length held none
 * @param replyBody    the reply's body as decoded for people
 * @param millis       the round trip
 * @param anomalies    the transport rules the reply broke (used.len past the chain, out.len or
 *     out.unique wrong), empty when none
 */
public record RecordedExchange(long number, int queue, FuseInHeader request, String requestBody,
        List<Run> chain, boolean indirect, long usedLen, Notified notification,
        Optional<FuseOutHeader> reply, String replyBody, double millis, List<String> anomalies) {

    public RecordedExchange {
        chain = List.copyOf(chain);
        anomalies = List.copyOf(anomalies);
    }

    /** {@code count} consecutive descriptors alike: readable (driver to device) or writable, of {@code length}. */
    public record Run(boolean writable, long length, int count) {
        /** {@code R40}, {@code W4096}. */
        public String describeOne() {
            return (writable ? "W" : "R") + length;
        }
    }

    /** The runs of a chain given descriptor by descriptor ({@code writable[i]}, {@code length[i]}). */
    public static List<Run> runs(boolean[] writable, long[] length) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < writable.length; i++) {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.writable() == writable[i] && last.length() == length[i]) {
                runs.set(runs.size() - 1, new Run(last.writable(), last.length(), last.count() + 1));
            } else {
                runs.add(new Run(writable[i], length[i], 1));
            }
        }
        return runs;
    }

    /**
     * Virtio 1.3 §2.7.7.2 for this element: whether the device owed a notification, whether the
     * call eventfd fired, and why none was owed.
     */
    public record Notified(boolean required, boolean fired, String whyNotRequired) {
        /** {@code yes}, {@code no (required)}, {@code no (not required: VRING_AVAIL_F_NO_INTERRUPT)}. */
        public String describe() {
            if (required) {
                return fired ? "yes" : "no (required)";
            }
            return (fired ? "yes" : "no") + " (not required: " + whyNotRequired + ")";
        }
    }

    /** The chain as {@link #describeChain} writes it. */
    public String layout() {
        return describeChain(chain, indirect);
    }

    /**
     * A chain as transcripts show it: {@code [R40 R16 W16 W64]}, {@code indirect[...]} when in an
     * indirect table; past 12 descriptors, the first 6 and the last 2 with the count between.
     */
    public static String describeChain(List<Run> chain, boolean indirect) {
        int n = chain.stream().mapToInt(Run::count).sum();
        StringBuilder b = new StringBuilder(indirect ? "indirect[" : "[");
        for (int i = 0; i < n; i++) {
            if (n > 12 && i == 6) {
                b.append(" ... (").append(n).append(" descriptors)");
                i = n - 2;
            }
            b.append(i == 0 ? "" : " ").append(descriptor(chain, i).describeOne());
        }
        return b.append(']').toString();
    }

    /** The run holding descriptor {@code i} of the chain. */
    private static Run descriptor(List<Run> chain, int i) {
        for (Run r : chain) {
            if (i < r.count()) {
                return r;
            }
            i -= r.count();
        }
        throw new IndexOutOfBoundsException(i);
    }

    /** The exchange on one line, for failure messages and text attachments. */
    public String describe() {
        return String.format("#%d q%d %s %s layout=%s -> used.len=%d notified: %s %s %s (%.2f ms)%s", number, queue,
                request, requestBody, layout(), usedLen, notification.describe(),
                reply.map(FuseOutHeader::toString).orElse("<no out header>"), replyBody, millis,
                anomalies.isEmpty() ? "" : " ANOMALIES " + anomalies);
    }

    public ObjectNode toJson() {
        ObjectNode o = ResultsFile.JSON.createObjectNode().put("number", number).put("queue", queue);
        ObjectNode in = o.putObject("request").put("len", Integer.toUnsignedLong(request.len()))
                .put("opcode", request.opcode());
        FuseOpcode.of(request.opcode()).ifPresent(op -> in.put("name", op.name()));
        in.put("unique", request.unique()).put("nodeid", request.nodeid()).put("uid", request.uid())
                .put("gid", request.gid()).put("pid", request.pid()).put("totalExtlen", request.totalExtlen());
        o.put("requestBody", requestBody);
        ArrayNode runs = o.putObject("chain").put("indirect", indirect).putArray("runs");
        chain.forEach(r -> runs.addObject().put("writable", r.writable()).put("length", r.length())
                .put("count", r.count()));
        o.put("usedLen", usedLen);
        o.putObject("notification").put("required", notification.required()).put("fired", notification.fired())
                .put("whyNotRequired", notification.whyNotRequired());
        reply.ifPresent(out -> o.putObject("reply").put("len", Integer.toUnsignedLong(out.len()))
                .put("error", out.error()).put("errno", Errno.describe(out.error())).put("unique", out.unique()));
        o.put("replyBody", replyBody).put("millis", millis);
        anomalies.forEach(o.putArray("anomalies")::add);
        return o;
    }

    public static RecordedExchange fromJson(JsonNode o) {
        JsonNode in = o.required("request");
        FuseInHeader request = new FuseInHeader((int) in.required("len").asLong(), in.required("opcode").asInt(),
                in.required("unique").asLong(), in.path("nodeid").asLong(), in.path("uid").asInt(),
                in.path("gid").asInt(), in.path("pid").asInt(), in.path("totalExtlen").asInt());
        JsonNode chain = o.required("chain");
        List<Run> runs = new ArrayList<>();
        chain.required("runs").forEach(r -> runs.add(new Run(r.required("writable").asBoolean(),
                r.required("length").asLong(), r.required("count").asInt())));
        JsonNode n = o.required("notification");
        Optional<FuseOutHeader> reply = o.has("reply") ? Optional.of(new FuseOutHeader(
                (int) o.get("reply").required("len").asLong(), o.get("reply").required("error").asInt(),
                o.get("reply").required("unique").asLong())) : Optional.empty();
        List<String> anomalies = new ArrayList<>();
        o.path("anomalies").forEach(a -> anomalies.add(a.asText()));
        return new RecordedExchange(o.required("number").asLong(), o.required("queue").asInt(), request,
                o.path("requestBody").asText(""), runs, chain.path("indirect").asBoolean(),
                o.required("usedLen").asLong(), new Notified(n.required("required").asBoolean(),
                        n.required("fired").asBoolean(), n.path("whyNotRequired").asText("")),
                reply, o.path("replyBody").asText(""), o.path("millis").asDouble(), anomalies);
    }
}
