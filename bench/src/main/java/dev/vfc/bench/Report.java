package dev.vfc.bench;

import dev.vfc.bench.TargetRun.Column;
import dev.vfc.targets.Availability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tables a run prints: a header that says what was measured and on what; one row per
 * workload with a column per target, the machine's {@code limit} without a daemon, the Java
 * daemon over the fastest peer ({@code java/peer}) and over the limit ({@code java/limit}), and
 * the Java daemon's heap bytes per request; then each cell's p50 and p99 request latency. So
 * the reader sees the comparison without dividing. Failures are numbered notes under the
 * tables, because a daemon's death message (with its log tail) does not fit a cell.
 */
final class Report {

    static final String RATIO_HEADING = "java/peer";
    static final String LIMIT_SHARE_HEADING = "java/limit";
    static final String ALLOCATION_HEADING = "java B/req";
    /** Repetitions further apart than this (largest over smallest) mark their cell as unsteady. */
    static final double UNSTEADY_SPREAD = 1.25;
    static final String UNSTEADY_MARK = " *";
    private static final String NO_RATIO = "-";

    private final Machine machine;
    private final BenchmarkOptions options;
    private final BenchResult result;
    private final List<Workload> workloads;
    private final List<Column> columns;
    private final Map<String, Integer> footnotes = new LinkedHashMap<>();
    private final List<String> unsteady = new ArrayList<>();

    Report(Machine machine, BenchmarkOptions options, BenchResult result) {
        this.machine = machine;
        this.options = options;
        this.result = result;
        this.workloads = result.workloads();
        this.columns = result.columns();
    }

    /** The whole report, header, tables and notes, ending in a newline. */
    String render() {
        StringBuilder out = new StringBuilder();
        header(out);
        out.append('\n');
        table(out, throughputRows());
        out.append("\nlatency per request, p50 / p99 in microseconds:\n");
        table(out, latencyRows());
        out.append("\nstart-up, exec to socket listening / to the first 1 MiB READ's reply, ms:\n");
        table(out, startUpRows());
        notes(out);
        return out.toString();
    }

    private void header(StringBuilder out) {
        out.append("vfc throughput benchmark: one fake QEMU 7.2 frontend per daemon, one request in flight\n");
        line(out, "machine", machine.describe());
        columns.forEach(c -> line(out, c.spec(), availability(c.availability())));
        line(out, "file", "READs are sequential over a page-cached 64 MiB file of random bytes, wrapping at its end");
        line(out, "cells", String.format(Locale.ROOT,
                "median of %d window%s of %s s, each after a %s s warm-up (%s s more for a fresh daemon's first row);"
                        + " MB/s = 10^6 bytes per second",
                options.repeat(), options.repeat() == 1 ? "" : "s", seconds(options.window().toNanos()),
                seconds(Measurer.DEFAULT_WARMUP.toNanos()), seconds(Measurer.SESSION_WARMUP.toNanos())));
        line(out, "ratio", RATIO_HEADING + " is the java daemon over the fastest other daemon (above 1: java is"
                + " faster); " + LIMIT_SHARE_HEADING + " its share of the limit");
        line(out, LIMIT, "this machine without a daemon: preadv(2) of the cached file into a shared memfd mapping"
                + " for READ rows, one eventfd round trip between two threads for the rest (one per batch at queue depth 16)");
        line(out, "alloc", ALLOCATION_HEADING + ": heap bytes the java daemon's queue threads allocate per request,"
                + " measured on the same code in this JVM (" + AllocationProbe.TARGET + ")");
        line(out, "daemons", "at their own defaults (log level, cache, sandbox), as users start them (command lines in"
                + " the notes)");
        line(out, "frontend", "its own per-request work (chain layout, reply-header check; data buffers are neither "
                + "poisoned nor copied after each size's first, verified READ) is in every number and the same for each "
                + "daemon; stderr shows the share of time spent waiting on the daemon");
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(String.format(Locale.ROOT, "%-9s %s%n", key + ":", value));
    }

    /** "available (version)" or, as the cells say it, "n/a (reason)". */
    static String availability(Availability a) {
        return a instanceof Availability.Unavailable u ? "n/a (" + u.reason() + ")" : a.describe();
    }

    private static final String LIMIT = BenchResult.LIMIT;

    private List<String[]> throughputRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(headings());
        workloads.forEach(w -> rows.add(row(w)));
        return rows;
    }

    private List<String[]> latencyRows() {
        List<String[]> rows = new ArrayList<>();
        List<String> h = new ArrayList<>(List.of("workload"));
        columns.forEach(c -> h.add(c.spec()));
        h.add(LIMIT);
        rows.add(h.toArray(String[]::new));
        for (Workload w : workloads) {
            List<String> r = new ArrayList<>(List.of(w.label()));
            columns.forEach(c -> r.add(latency(c.cells().get(w))));
            r.add(latency(result.limit().cells().get(w)));
            rows.add(r.toArray(String[]::new));
        }
        return rows;
    }

    private List<String[]> startUpRows() {
        List<String[]> rows = new ArrayList<>();
        for (Column c : columns) {
            rows.add(new String[] {c.spec(), c.startUp().map(s -> value(s.listeningNanos() / 1e6) + " / "
                    + value(s.firstReadNanos() / 1e6)).orElse(NO_RATIO)});
        }
        return rows;
    }

    /** {@code 12.3 / 45.6}, or {@code -} for a cell without a recorded latency. */
    static String latency(Outcome o) {
        if (o instanceof Outcome.Measured m && m.latency().isPresent()) {
            Outcome.Latency l = m.latency().get();
            return value(l.p50Nanos() / 1e3) + " / " + value(l.p99Nanos() / 1e3);
        }
        return NO_RATIO;
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] widths = widths(rows);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(pad(row[0], widths[0], true));
            for (int i = 1; i < row.length; i++) {
                line.append("  ").append(pad(row[i], widths[i], i == 1));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private String[] headings() {
        List<String> h = new ArrayList<>(List.of("workload", "unit"));
        columns.forEach(c -> h.add(c.spec()));
        h.addAll(List.of(LIMIT, RATIO_HEADING, LIMIT_SHARE_HEADING, ALLOCATION_HEADING));
        return h.toArray(String[]::new);
    }

    private String[] row(Workload w) {
        List<String> r = new ArrayList<>(List.of(w.label(), w.unit()));
        columns.forEach(c -> r.add(cell(c.cells().get(w), c.spec() + " " + w.label())));
        Outcome limit = result.limit().cells().get(w);
        r.add(cell(limit, LIMIT + " " + w.label()));
        Optional<Outcome> java = result.java().map(c -> c.cells().get(w));
        r.add(ratioCell(java.orElse(null), result.fastestPeer(w).map(v -> (Outcome) new Outcome.Measured(List.of(v)))
                .orElse(null)));
        r.add(share(java.orElse(null), limit));
        Double bytes = result.allocation().get(w);
        r.add(bytes == null ? NO_RATIO : String.format(Locale.ROOT, "%.0f", bytes));
        return r.toArray(String[]::new);
    }

    /** {@code a} as a share of {@code b}, {@code 52%}, or {@code -}. */
    static String share(Outcome a, Outcome b) {
        Optional<Double> x = a == null ? Optional.empty() : a.value();
        Optional<Double> y = b == null ? Optional.empty() : b.value();
        if (x.isEmpty() || y.isEmpty() || y.get() == 0) {
            return NO_RATIO;
        }
        return String.format(Locale.ROOT, "%.0f%%", 100 * x.get() / y.get());
    }

    /**
     * A measured median (marked when its repetitions disagree), {@code n/a (unavailable)}, or
     * {@code n/a (failed, note N)}.
     *
     * @param where names the cell in the notes
     */
    String cell(Outcome o, String where) {
        if (o instanceof Outcome.Measured m) {
            if (m.spread() <= UNSTEADY_SPREAD) {
                return value(m.median());
            }
            unsteady.add(where + ": " + m.samples().stream().map(Report::value).collect(Collectors.joining(", ")));
            return value(m.median()) + UNSTEADY_MARK;
        }
        if (o instanceof Outcome.Failed f) {
            return "n/a (failed, note " + footnotes.computeIfAbsent(f.reason(), r -> footnotes.size() + 1) + ")";
        }
        return o == null ? NO_RATIO : "n/a (unavailable)";
    }

    /** One decimal below 100 so small rates keep their digits, whole numbers above, no grouping. */
    static String value(double v) {
        return String.format(Locale.ROOT, v < 100 ? "%.1f" : "%.0f", v);
    }

    /** The ratio, marked like its inputs when either of them is unsteady. */
    private static String ratioCell(Outcome a, Outcome b) {
        boolean unsteadyInput = Stream.of(a, b).anyMatch(o -> o instanceof Outcome.Measured m
                && m.spread() > UNSTEADY_SPREAD);
        String r = ratio(a, b);
        return unsteadyInput && !r.equals(NO_RATIO) ? r + UNSTEADY_MARK : r;
    }

    /** {@code a/b} as {@code 0.87x}, or {@code -} unless both were measured and b is not zero. */
    static String ratio(Outcome a, Outcome b) {
        Optional<Double> x = a == null ? Optional.empty() : a.value();
        Optional<Double> y = b == null ? Optional.empty() : b.value();
        if (x.isEmpty() || y.isEmpty() || y.get() == 0) {
            return NO_RATIO;
        }
        return String.format(Locale.ROOT, "%.2fx", x.get() / y.get());
    }

    private void notes(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        footnotes.forEach((reason, n) -> lines.add("[" + n + "] " + reason.replace("\n", "\n      ")));
        if (!unsteady.isEmpty()) {
            lines.add(UNSTEADY_MARK.strip() + String.format(Locale.ROOT,
                    " repetitions more than %.0f%% apart, which the median hides; each repetition:", 100 * (UNSTEADY_SPREAD - 1)));
            unsteady.forEach(u -> lines.add("    " + u));
        }
        columns.forEach(c -> {
            c.commands().forEach((profile, command) -> lines.add(c.spec() + ": " + profile + " session ran: " + command));
            c.notes().forEach(note -> lines.add(c.spec() + ": " + note));
        });
        if (!lines.isEmpty()) {
            out.append("\nnotes:\n");
            lines.forEach(l -> out.append("  ").append(l).append('\n'));
        }
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        return widths;
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(width - s.length());
        return left ? s + fill : fill + s;
    }

    /** Seconds without trailing zeros: 3, 0.5, 1.25. */
    static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
