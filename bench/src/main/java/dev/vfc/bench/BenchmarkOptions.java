package dev.vfc.bench;

import dev.vfc.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmark's command line. It is parsed up front and completely, so that a typo costs
 * one line on stderr and exit 2 instead of a minute of measuring followed by a crash.
 *
 * @param window the measured window of one repetition ({@code --seconds})
 * @param repeat how many windows each cell takes the median of ({@code --repeat})
 * @param targets target specs in column order ({@code --targets}), as {@link Targets#byName} reads them
 * @param help whether {@code --help} was asked for (nothing else is looked at then)
 * @param json where to write the results as JSON ({@code --json}), if anywhere
 */
public record BenchmarkOptions(Duration window, int repeat, List<String> targets, boolean help,
        Optional<Path> json) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(3);
    public static final int DEFAULT_REPEAT = 3;
    public static final List<String> DEFAULT_TARGETS = List.of("java", "c");
    /** Long enough that a run with typos in it ("--seconds 3000") is still caught as a mistake. */
    static final double MAX_SECONDS = 600;
    static final int MAX_REPEAT = 99;

    public static final String USAGE = """
            Usage: throughput-benchmark [--seconds N] [--repeat K] [--targets java,c]

            Measures sequential FUSE_READ throughput of a page-cached 64 MiB file and GETATTR
            latency-bound ops/s, one request in flight, against each target through the same
            fake QEMU 7.2 frontend, and prints one table row per workload.

            Options:
              --seconds N        measured window per repetition, in seconds (default 3; decimals allowed)
              --repeat K         repetitions per cell; the cell shows their median (default 3)
              --targets LIST     comma-separated target specs, one column each (default java,c);
                                 forms: %s
              --json FILE        also write the results as JSON (rows with values per target and
                                 limit, p50/p99 latency, java allocation per request; commands)
              --help             show this and exit

            A cell marked * had repetitions more than 25%% apart; the notes list them. On a
            small VM, latency-bound rows (4 KiB READ, GETATTR) swing between runs where the
            daemon wakes on the frontend's CPU and runs where it wakes on another; pinning the
            run (bin/throughput-benchmark reads VFC_BENCH_CPUS, e.g. VFC_BENCH_CPUS=0, and runs
            under taskset) makes them steady, and the header then says "pinned".

            Exit status: 0 when every available target was measured, 1 when a measurement
            failed (the table still shows the rest), 2 for bad arguments.
            """.formatted(String.join(", ", Targets.specForms()));

    public BenchmarkOptions {
        targets = List.copyOf(targets);
    }

    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(DEFAULT_WINDOW, DEFAULT_REPEAT, DEFAULT_TARGETS, false, Optional.empty());
    }

    /** Why the command line was refused, in one line that names the culprit. */
    public static final class BadArguments extends Exception {
        private static final long serialVersionUID = 1L;

        BadArguments(String message) {
            super(message);
        }
    }

    /** Parses {@code args}; accepts {@code --opt value} and {@code --opt=value}. */
    public static BenchmarkOptions parse(List<String> args) throws BadArguments {
        Deque<String> in = new ArrayDeque<>(args);
        BenchmarkOptions o = defaults();
        while (!in.isEmpty()) {
            String arg = in.pop();
            int eq = arg.indexOf('=');
            boolean inlineForm = arg.startsWith("--") && eq > 0;
            String name = inlineForm ? arg.substring(0, eq) : arg;
            String inline = inlineForm ? arg.substring(eq + 1) : null;
            switch (name) {
                case "--help", "-h" -> {
                    return new BenchmarkOptions(o.window, o.repeat, o.targets, true, o.json);
                }
                case "--seconds" -> o = new BenchmarkOptions(seconds(value(name, inline, in)), o.repeat, o.targets,
                        false, o.json);
                case "--repeat" -> o = new BenchmarkOptions(o.window, repeat(value(name, inline, in)), o.targets,
                        false, o.json);
                case "--targets" -> o = new BenchmarkOptions(o.window, o.repeat, targets(value(name, inline, in)),
                        false, o.json);
                case "--json" -> o = new BenchmarkOptions(o.window, o.repeat, o.targets, false,
                        Optional.of(jsonFile(value(name, inline, in))));
                default -> throw new BadArguments("unknown argument '" + arg + "' (see --help)");
            }
        }
        return o;
    }

    /** The file must be creatable: its directory exists. */
    private static Path jsonFile(String value) throws BadArguments {
        Path file = Path.of(value).toAbsolutePath();
        if (!Files.isDirectory(file.getParent())) {
            throw new BadArguments("--json " + value + ": directory " + file.getParent() + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new BadArguments("--json " + value + " is a directory");
        }
        return file;
    }

    private static String value(String name, String inline, Deque<String> rest) throws BadArguments {
        String v = inline != null ? inline : rest.isEmpty() || rest.peek().startsWith("--") ? null : rest.pop();
        if (v == null || v.isBlank()) {
            throw new BadArguments(name + " needs a value (see --help)");
        }
        return v.strip();
    }

    private static Duration seconds(String value) throws BadArguments {
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadArguments("--seconds must be a number of seconds, got '" + value + "'");
        }
        if (!(s > 0) || s > MAX_SECONDS) {
            throw new BadArguments(String.format(Locale.ROOT,
                    "--seconds must be above 0 and at most %.0f, got '%s'", MAX_SECONDS, value));
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static int repeat(String value) throws BadArguments {
        try {
            int k = Integer.parseInt(value);
            if (k >= 1 && k <= MAX_REPEAT) {
                return k;
            }
        } catch (NumberFormatException e) {
            // falls through to the one message for every bad count
        }
        throw new BadArguments("--repeat must be a whole number from 1 to " + MAX_REPEAT + ", got '" + value + "'");
    }

    /** Each spec must be one {@link Targets#byName} accepts, and no column may appear twice. */
    private static List<String> targets(String value) throws BadArguments {
        Set<String> specs = new LinkedHashSet<>();
        List<String> given = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String spec = part.strip();
            try {
                Targets.byName(spec);
            } catch (IllegalArgumentException e) {
                throw new BadArguments("--targets: " + e.getMessage());
            }
            if (!specs.add(spec)) {
                throw new BadArguments("--targets names '" + spec + "' twice");
            }
            given.add(spec);
        }
        return given;
    }
}
