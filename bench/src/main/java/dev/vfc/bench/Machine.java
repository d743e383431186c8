package dev.vfc.bench;

import dev.vfc.host.Host;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The machine a run happened on, for the table's header: throughput numbers mean little
 * without the CPU count, the kernel (vhost-user and the page cache live there) and the JVM
 * (both the frontend and the Java daemon run on it).
 */
record Machine(int cpus, int online, String kernel, String java) {

    static Machine current() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new Machine(cpus, onlineCpus(cpus),
                command("uname", "-r").orElse(System.getProperty("os.version", "unknown")),
                System.getProperty("java.runtime.version", System.getProperty("java.version"))
                        + " (" + System.getProperty("java.vm.vendor", "unknown vendor") + ")");
    }

    /**
     * Says so when the run was pinned to fewer CPUs than the machine has ({@code taskset}):
     * on a small VM that changes latency-bound rates several times over.
     */
    String describe() {
        String cpu = cpus == online ? cpus + " CPUs (nproc)" : "nproc " + cpus + " of " + online + " CPUs (pinned)";
        return cpu + ", kernel " + kernel + ", Java " + java;
    }

    /** {@code nproc --all}: every CPU, whatever this process's affinity. */
    private static int onlineCpus(int fallback) {
        try {
            return command("nproc", "--all").map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * The first line a small command prints ({@code uname -r}, {@code nproc --all}), empty
     * when it is missing or fails; the JVM's os.version and CPU count are the fallbacks.
     */
    private static Optional<String> command(String... argv) {
        return Host.firstLineOf(List.of(argv), Duration.ofSeconds(5));
    }
}
