package dev.vfc.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's transcript taken apart for the drill-down: the request/reply exchanges (lines
 * like {@code #4 q1 FuseInHeader[...] ReadIn[...] layout=[R40 R40 W16 W8192] -> used.len=8208
 * FuseOutHeader[...] <8192 data bytes> (0.08 ms)}), any other lines (a guest's console, notes),
 * and the {@code --- daemon log (last N lines) ---} section crash and timeout transcripts end with.
 *
 * @param lines      the exchanges and other lines, in order
 * @param logHeading the daemon-log section's heading line, empty when there is none
 * @param logLines   the lines under that heading
 */
public record Transcript(List<Line> lines, String logHeading, List<String> logLines) {

    /** One line of the transcript before its daemon-log section. */
    public sealed interface Line permits Exchange, Note {
    }

    /**
     * One request and what came back.
     *
     * @param request the decoded request structs, without the layout
     * @param layout  the descriptor chain's shape ({@code [R40 R16 W16 W64]}, {@code indirect[...]}), empty if absent
     * @param reply   from {@code used.len=} on, empty when no reply was recorded
     * @param millis  the round trip as written ({@code 0.08}), empty if absent
     */
    public record Exchange(int number, String queue, String request, String layout, String reply, String millis)
            implements Line {
    }

    /** A line that is not an exchange, kept as written. */
    public record Note(String text) implements Line {
    }

    private static final Pattern EXCHANGE = Pattern.compile("#(\\d{1,9}) (\\S+) (.*)");
    private static final Pattern MILLIS = Pattern.compile("\\s*\\((\\d+(?:\\.\\d+)?) ms\\)$");
    /** Where the reply starts; a plain " -> " also appears inside requests (RENAME "a" -> "b"). */
    private static final String REPLY = " -> used.len=";
    private static final String LAYOUT = " layout=";
    private static final String LOG_HEADING = "--- daemon log";

    public Transcript {
        lines = List.copyOf(lines);
        logLines = List.copyOf(logLines);
    }

    public static Transcript parse(String text) {
        List<Line> lines = new ArrayList<>();
        List<String> raw = text == null ? List.of() : text.lines().toList();
        int i = 0;
        for (; i < raw.size() && !raw.get(i).startsWith(LOG_HEADING); i++) {
            if (!raw.get(i).isBlank()) {
                lines.add(lineOf(raw.get(i)));
            }
        }
        String heading = i < raw.size() ? raw.get(i) : "";
        List<String> log = i < raw.size() ? withoutTrailingBlanks(raw.subList(i + 1, raw.size())) : List.of();
        return new Transcript(lines, heading, log);
    }

    public List<Exchange> exchanges() {
        return lines.stream().filter(Exchange.class::isInstance).map(Exchange.class::cast).toList();
    }

    static Line lineOf(String line) {
        Matcher m = EXCHANGE.matcher(line);
        if (!m.matches()) {
            return new Note(line);
        }
        String rest = m.group(3);
        Matcher ms = MILLIS.matcher(rest);
        String millis = "";
        if (ms.find()) {
            millis = ms.group(1);
            rest = rest.substring(0, ms.start());
        }
        int reply = rest.indexOf(REPLY);
        String request = reply < 0 ? rest : rest.substring(0, reply);
        String answer = reply < 0 ? "" : rest.substring(reply + " -> ".length()).strip();
        int layout = request.lastIndexOf(LAYOUT);
        String shape = layout < 0 ? "" : request.substring(layout + LAYOUT.length());
        request = layout < 0 ? request : request.substring(0, layout);
        return new Exchange(Integer.parseInt(m.group(1)), m.group(2), request.strip(), shape, answer, millis);
    }

    private static List<String> withoutTrailingBlanks(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }
}
