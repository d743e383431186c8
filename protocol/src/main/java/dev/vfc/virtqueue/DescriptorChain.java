package dev.vfc.virtqueue;

import java.util.List;

/**
 * One validated request as the device sees it: the head index (returned in the used ring)
 * and the chain's data buffers in order, device-readable ones first, then device-writable
 * ones (virtio 1.3 §2.7.4.2). Descriptors that only point at an indirect table are not
 * listed; the table's entries are. Every buffer lies inside guest memory and the total
 * length is at most 4 GiB, as checked by {@link DescriptorChainWalker}.
 */
public record DescriptorChain(int head, List<Descriptor> readable, List<Descriptor> writable) {

    public DescriptorChain {
        readable = List.copyOf(readable);
        writable = List.copyOf(writable);
    }

    public long readableBytes() {
        return sum(readable);
    }

    /** The most the device may report as written in the used element's len. */
    public long writableBytes() {
        return sum(writable);
    }

    private static long sum(List<Descriptor> ds) {
        long total = 0;
        for (Descriptor d : ds) {
            total += d.unsignedLen();
        }
        return total;
    }
}
