package dev.vfc.report;

import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.results.RecordedExchange;
import dev.vfc.results.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scenario's transcript as the drill-down shows it: each recorded exchange cut into the columns
 * the page lays side by side (request, chain, reply, round trip), then the notes a real guest's
 * console left. It renders the results' fields; it never reads text back.
 *
 * @param lines the exchanges, then the notes, in order
 */
record TranscriptView(List<Line> lines) {

    TranscriptView {
        lines = List.copyOf(lines);
    }

    /** One line of the drill-down's transcript. */
    sealed interface Line permits Exchange, Note {
    }

    /**
     * One request and what came back, ready to draw.
     *
     * @param request the fuse_in_header and the decoded body
     * @param layout  the descriptor chain ({@code [R40 R16 W16 W64]}, {@code indirect[...]})
     * @param reply   from {@code used.len=} on: the notification, the out header, the body, any anomalies
     * @param millis  the round trip ({@code 0.08})
     */
    record Exchange(long number, String queue, String request, String layout, String reply, String millis)
            implements Line {
    }

    /** A line of a real guest's console, or another note, as written. */
    record Note(String text) implements Line {
    }

    static TranscriptView of(ScenarioResult r) {
        List<Line> lines = new ArrayList<>();
        r.exchanges().forEach(e -> lines.add(exchange(e)));
        r.transcript().lines().filter(l -> !l.isBlank()).forEach(l -> lines.add(new Note(l)));
        return new TranscriptView(lines);
    }

    static Exchange exchange(RecordedExchange e) {
        String request = (e.request() + " " + e.requestBody()).strip();
        String reply = ("used.len=" + e.usedLen() + " notified: " + e.notification().describe() + " "
                + e.reply().map(FuseOutHeader::toString).orElse("<no out header>") + " " + e.replyBody()).strip()
                + (e.anomalies().isEmpty() ? "" : " ANOMALIES " + e.anomalies());
        return new Exchange(e.number(), "q" + e.queue(), request, e.layout(), reply,
                String.format(Locale.ROOT, "%.2f", e.millis()));
    }
}
