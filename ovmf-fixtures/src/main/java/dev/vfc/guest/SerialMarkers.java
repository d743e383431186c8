package dev.vfc.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the guest's init script printed on the serial console: its {@code VFC-STEP} lines and
 * whether {@code VFC-DONE} came. Markers are searched for anywhere in a line, not only at its
 * start, because a kernel message can land in front of one on the shared console.
 */
public record SerialMarkers(Map<String, GuestStep> reported, boolean done) {

    static final String STEP = "VFC-STEP";
    static final String DONE = "VFC-DONE";
    private static final Pattern STEP_LINE = Pattern.compile(STEP + " (\\S+) (OK|FAIL)(?: (.*))?");
    private static final Pattern DONE_LINE = Pattern.compile("(?:^|\\s)" + DONE + "(?:\\s|$)");
    private static final Pattern SHA256 = Pattern.compile("sha256=([0-9a-f]{64})");

    public SerialMarkers {
        reported = Map.copyOf(reported);
    }

    /** Parses the serial console text; a step reported twice keeps its first report. */
    public static SerialMarkers parse(String serial) {
        Map<String, GuestStep> steps = new LinkedHashMap<>();
        boolean done = false;
        for (String raw : serial.split("\r?\n|\r")) {
            String line = raw.strip();
            Matcher m = STEP_LINE.matcher(line);
            if (m.find()) {
                String detail = m.group(3) == null ? "" : m.group(3).strip();
                steps.putIfAbsent(m.group(1), new GuestStep(m.group(1), m.group(2).equals("OK"), detail));
            } else if (DONE_LINE.matcher(line).find()) {
                done = true;
            }
        }
        return new SerialMarkers(steps, done);
    }

    /**
     * The steps in {@code order}, each as reported or, if the guest never reported it, not
     * reached for {@code why}.
     */
    public List<GuestStep> steps(List<String> order, String why) {
        List<GuestStep> out = new ArrayList<>();
        for (String name : order) {
            out.add(reported.getOrDefault(name, GuestStep.notReached(name, why)));
        }
        return out;
    }

    /** The {@code sha256=<64 hex>} a step noted in its detail, if it did. */
    public Optional<String> sha256Of(String step) {
        GuestStep s = reported.get(step);
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = SHA256.matcher(s.detail());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
