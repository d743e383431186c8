package dev.vfc.frontend;

import java.time.Duration;

/**
 * The VM a frontend pretends to be. Defaults follow QEMU 7.2's vhost-user-fs-pci: queue
 * size 128, one request queue.
 *
 * @param memorySize     guest RAM in bytes (it must hold the largest request's buffers)
 * @param twoRegions     split RAM into two regions of one memfd, below and above 4 GiB
 * @param memoryMode     ADD_MEM_REG or SET_MEM_TABLE
 * @param queueSize      SET_VRING_NUM for every queue (a power of two, at most 1024 in QEMU)
 * @param requestQueues  request queues besides hiprio ({@code num-request-queues}, 1 in QEMU by default)
 * @param requestTimeout how long one request or vhost-user reply may take before TIMEOUT
 */
public record FrontendOptions(long memorySize, boolean twoRegions, MemoryMode memoryMode, int queueSize,
        int requestQueues, Duration requestTimeout) {

    public static final long DEFAULT_MEMORY = 80L << 20;

    public static FrontendOptions defaults() {
        return new FrontendOptions(DEFAULT_MEMORY, false, MemoryMode.AUTO, 128, 1, Duration.ofSeconds(10));
    }

    public FrontendOptions withMemoryMode(MemoryMode mode) {
        return new FrontendOptions(memorySize, twoRegions, mode, queueSize, requestQueues, requestTimeout);
    }

    public FrontendOptions withTwoRegions(boolean two) {
        return new FrontendOptions(memorySize, two, memoryMode, queueSize, requestQueues, requestTimeout);
    }

    public FrontendOptions withRequestTimeout(Duration timeout) {
        return new FrontendOptions(memorySize, twoRegions, memoryMode, queueSize, requestQueues, timeout);
    }

    public FrontendOptions withRequestQueues(int n) {
        return new FrontendOptions(memorySize, twoRegions, memoryMode, queueSize, n, requestTimeout);
    }
}
