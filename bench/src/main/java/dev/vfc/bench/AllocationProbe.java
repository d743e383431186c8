package dev.vfc.bench;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.session.DaemonSession;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.Targets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Heap bytes the Java daemon allocates per request, for each row: the same daemon code run in
 * this JVM ({@code java-inprocess}), where HotSpot counts every thread's allocations
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}). Only the daemon's queue
 * threads ({@code vring-N}) are counted, so the frontend's own allocations stay out. A daemon
 * that allocates per request pays for it in GC pauses that the throughput rows average away.
 */
final class AllocationProbe {

    static final String TARGET = "java-inprocess";
    private static final String QUEUE_THREAD_PREFIX = "vring-";
    private static final int WARM_UP = 2_000;
    private static final int REQUESTS = 2_000;

    private AllocationProbe() {
    }

    /** Bytes per request for each of {@code workloads}; a row that could not be measured is left out. */
    static Map<Workload, Double> measure(BenchFile file, Path work, List<Workload> workloads,
            Consumer<String> progress) {
        DaemonTarget target = Targets.byName(TARGET);
        Map<Workload, Double> perRequest = new LinkedHashMap<>();
        TargetRun.byProfile(workloads).forEach((profile, group) -> {
            try (DaemonSession session = DaemonSession.start(target, launch(work, profile, file),
                    DriverProfile.byName(profile), FrontendOptions.defaults())) {
                OpenFile open = OpenFile.open(session.fuse(), file);
                for (Workload w : group) {
                    double bytes = perRequest(RequestStream.of(w, open));
                    progress.accept(String.format(java.util.Locale.ROOT, "%s %s: %.0f bytes allocated per request",
                            TARGET, w.label(), bytes));
                    perRequest.put(w, bytes);
                }
                open.release();
            } catch (IOException | RuntimeException e) {
                progress.accept(TARGET + " " + profile + ": allocation not measured: " + e.getMessage());
            }
        });
        return perRequest;
    }

    private static DaemonLaunch launch(Path work, String profile, BenchFile file) throws IOException {
        Path dir = java.nio.file.Files.createDirectories(work.resolve("alloc-" + profile));
        return DaemonLaunch.in(dir, file.dir()).withSettings(DaemonLaunch.Settings.DAEMON_DEFAULTS);
    }

    private static double perRequest(RequestStream stream) {
        long[] requests = {0};
        LongConsumer count = n -> requests[0]++;
        while (requests[0] < WARM_UP) {
            stream.next(count);
        }
        requests[0] = 0;
        long before = queueThreadBytes();
        while (requests[0] < REQUESTS) {
            stream.next(count);
        }
        return (queueThreadBytes() - before) / (double) requests[0];
    }

    /** What the daemon's queue threads have allocated so far, together. */
    static long queueThreadBytes() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(QUEUE_THREAD_PREFIX)) {
                long bytes = bean.getThreadAllocatedBytes(t.getId());
                total += Math.max(0, bytes);
            }
        }
        return total;
    }
}
