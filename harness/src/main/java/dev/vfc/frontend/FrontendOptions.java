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
 * @param withheldFeatures virtio feature bits the driver does not ack even when its profile
 *                       would (a driver built without them), 0 by default
 * @param ringBase       the index every ring starts at (SET_VRING_BASE, and avail.idx and
 *                       used.idx in guest memory), as QEMU hands a ring over after migration
 *                       or a reconnect; 0, a fresh ring, by default
 */
public record FrontendOptions(long memorySize, boolean twoRegions, MemoryMode memoryMode, int queueSize,
        int requestQueues, Duration requestTimeout, long withheldFeatures, int ringBase) {

    public static final long DEFAULT_MEMORY = 80L << 20;

    public FrontendOptions {
        if (ringBase < 0 || ringBase > 0xffff) {
            throw new IllegalArgumentException("a ring index is 16 bits: " + ringBase);
        }
    }

    /** QEMU 7.2's VM knobs alone: the driver acks what its profile acks, rings start at 0. */
    public FrontendOptions(long memorySize, boolean twoRegions, MemoryMode memoryMode, int queueSize,
            int requestQueues, Duration requestTimeout) {
        this(memorySize, twoRegions, memoryMode, queueSize, requestQueues, requestTimeout, 0, 0);
    }

    public static FrontendOptions defaults() {
        return new FrontendOptions(DEFAULT_MEMORY, false, MemoryMode.AUTO, 128, 1, Duration.ofSeconds(10));
    }

    public FrontendOptions withMemoryMode(MemoryMode mode) {
        return new FrontendOptions(memorySize, twoRegions, mode, queueSize, requestQueues, requestTimeout, withheldFeatures,
                ringBase);
    }

    public FrontendOptions withTwoRegions(boolean two) {
        return new FrontendOptions(memorySize, two, memoryMode, queueSize, requestQueues, requestTimeout, withheldFeatures,
                ringBase);
    }

    public FrontendOptions withRequestTimeout(Duration timeout) {
        return new FrontendOptions(memorySize, twoRegions, memoryMode, queueSize, requestQueues, timeout, withheldFeatures,
                ringBase);
    }

    public FrontendOptions withRequestQueues(int n) {
        return new FrontendOptions(memorySize, twoRegions, memoryMode, queueSize, n, requestTimeout, withheldFeatures,
                ringBase);
    }

    /** The driver does not ack {@code features} (virtio feature bits), whatever its profile says. */
    public FrontendOptions withoutFeatures(long features) {
        return new FrontendOptions(memorySize, twoRegions, memoryMode, queueSize, requestQueues, requestTimeout,
                withheldFeatures | features, ringBase);
    }

    /** Every ring starts at {@code base} instead of 0. */
    public FrontendOptions withRingBase(int base) {
        return new FrontendOptions(memorySize, twoRegions, memoryMode, queueSize, requestQueues, requestTimeout,
                withheldFeatures, base);
    }
}
