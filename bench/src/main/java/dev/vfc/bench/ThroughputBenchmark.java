package dev.vfc.bench;

import dev.vfc.bench.TargetRun.Column;
import dev.vfc.host.Trees;
import dev.vfc.targets.Availability;
import dev.vfc.targets.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast each daemon serves the request shapes real guests send: sequential READs of a
 * cached file as Linux lays them out (4 KiB, 128 KiB, 1 MiB over page-sized descriptors in an
 * indirect table) and as OVMF does (2,525,712 bytes, the original bug report's grubx64.efi, in
 * one writable descriptor), and GETATTR one at a time. Every daemon is driven by the same fake
 * QEMU 7.2 frontend, so the differences are the daemons'. This is a command, not a test: the
 * numbers depend on the machine, and the table says which machine.
 *
 * <p>Progress goes to stderr, the table to stdout. Run it through {@code bin/throughput-benchmark},
 * which builds the reactor and sets {@code vfc.daemon.jar}.
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** The whole command; returns its exit status (0 all measured, 1 a measurement failed, 2 bad arguments). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (BenchmarkOptions.BadArguments e) {
            err.println("throughput-benchmark: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(BenchmarkOptions.USAGE);
            return 0;
        }
        try {
            BenchResult result = measure(options, err);
            Machine machine = Machine.current();
            out.print(new Report(machine, options, result).render());
            out.flush();
            if (options.json().isPresent()) {
                BenchJson.write(options.json().get(), machine, result);
                err.println("wrote " + options.json().get());
            }
            return result.anyFailed() ? 1 : 0;
        } catch (IOException | RuntimeException e) {
            err.println("throughput-benchmark: " + e);
            return 1;
        }
    }

    /**
     * Makes the file, then runs every target in turn, the limit, and the Java daemon's
     * allocation probe, in one scratch directory that is removed afterwards.
     */
    private static BenchResult measure(BenchmarkOptions options, PrintStream err) throws IOException {
        Path root = Files.createTempDirectory("vfc-bench-");
        Thread cleanup = new Thread(() -> deleteTree(root), "vfc-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Path shared = Files.createDirectory(root.resolve("shared"));
            err.println("writing a 64 MiB file of random bytes into " + shared + " and reading it once");
            BenchFile file = BenchFile.createIn(shared);
            Measurer measurer = new Measurer(Measurer.DEFAULT_WARMUP, options.window(), options.repeat(),
                    line -> err.println("  " + line));
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < options.targets().size(); i++) {
                String spec = options.targets().get(i);
                err.println("target " + spec);
                Path work = Files.createDirectory(root.resolve("target-" + i));
                columns.add(new TargetRun(spec, work, file, measurer, line -> err.println("  " + line))
                        .run(Workload.standard()));
            }
            err.println("limit (no daemon)");
            Column limit = limit(file, measurer);
            Map<Workload, Double> allocation = Map.of();
            boolean java = options.targets().stream().anyMatch(t -> Targets.byName(t).kind().equals("java"));
            if (java) {
                err.println("allocation per request (" + AllocationProbe.TARGET + ")");
                allocation = AllocationProbe.measure(file, Files.createDirectory(root.resolve("alloc")),
                        Workload.standard(), line -> err.println("  " + line));
            }
            return new BenchResult(Workload.standard(), columns, limit, allocation);
        } finally {
            deleteTree(root);
            removeHook(cleanup);
        }
    }

    /** The limit column: each workload's stream with no daemon, timed like the daemons' ({@link MachineLimit}). */
    private static Column limit(BenchFile file, Measurer measurer) throws IOException {
        Map<Workload, Outcome> cells = new LinkedHashMap<>();
        try (MachineLimit limit = MachineLimit.over(file)) {
            for (Workload w : Workload.standard()) {
                try {
                    cells.put(w, measurer.measure(limit.stream(w), () -> 0, w.op() == Workload.Op.READ ? 1e6 : 1,
                            w.unit(), BenchResult.LIMIT + " " + w.label()));
                } catch (RuntimeException e) {
                    cells.put(w, new Outcome.Failed("limit: " + e.getMessage()));
                }
            }
        }
        return new Column(BenchResult.LIMIT, new Availability.Available("this machine"), cells, List.of(), Map.of(),
                java.util.Optional.empty());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down, and the hook will run or has run
        }
    }

    /** Removes the scratch tree (the 64 MiB file, sockets, daemon logs); what cannot go is reported and left. */
    private static void deleteTree(Path root) {
        try {
            Trees.delete(root);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("throughput-benchmark: could not remove " + root + ": " + e.getMessage());
        }
    }
}
