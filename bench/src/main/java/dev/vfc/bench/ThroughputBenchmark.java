package dev.vfc.bench;

import dev.vfc.bench.TargetRun.Column;
import dev.vfc.host.Trees;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
            List<Column> columns = measure(options, err);
            out.print(new Report(Machine.current(), options, Workload.standard(), columns).render());
            out.flush();
            return anyFailed(columns) ? 1 : 0;
        } catch (IOException | RuntimeException e) {
            err.println("throughput-benchmark: " + e);
            return 1;
        }
    }

    /** Makes the file, then runs every target in turn in one scratch directory that is removed afterwards. */
    private static List<Column> measure(BenchmarkOptions options, PrintStream err) throws IOException {
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
            return columns;
        } finally {
            deleteTree(root);
            removeHook(cleanup);
        }
    }

    private static boolean anyFailed(List<Column> columns) {
        return columns.stream().flatMap(c -> c.cells().values().stream()).anyMatch(o -> o instanceof Outcome.Failed);
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
