package dev.vfc.bench;

import java.util.function.LongConsumer;

/**
 * An endless run of one workload's requests: one after another (the frontend keeps one chain
 * in flight, as OVMF and a synchronous Linux request do), or {@link Workload#depth()} at a
 * time, published together and completed in any order, as Linux keeps a queue busy under
 * parallel I/O.
 */
@FunctionalInterface
interface RequestStream {

    /**
     * Sends the next request (or batch of {@code depth} requests) and waits for the checked
     * replies; returns what they count for (bytes, or one per op).
     *
     * @param latency told each request's time from publication to its reply, in nanoseconds
     */
    long next(LongConsumer latency);

    /** The stream {@code workload} describes, over {@code file}. */
    static RequestStream of(Workload workload, OpenFile file) {
        if (workload.depth() > 1) {
            return switch (workload.op()) {
                case READ -> new SequentialReads(file, workload.size(), workload.depth());
                case GETATTR -> latency -> {
                    file.getattrAll(workload.depth(), latency);
                    return workload.depth();
                };
            };
        }
        return switch (workload.op()) {
            case READ -> new SequentialReads(file, workload.size(), 1);
            case GETATTR -> timed(() -> {
                file.getattr();
                return 1;
            });
        };
    }

    /** A stream of single requests, each timed around its call. */
    static RequestStream timed(java.util.function.LongSupplier one) {
        return latency -> {
            long start = System.nanoTime();
            long units = one.getAsLong();
            latency.accept(System.nanoTime() - start);
            return units;
        };
    }

    /**
     * READs of one size at increasing offsets, back to offset 0 when the next one would run
     * past the end of the file, so every READ is a full one. The first READ's bytes are
     * compared with the file: a fast daemon that returns the wrong data must not win.
     */
    final class SequentialReads implements RequestStream {
        private final OpenFile file;
        private final int size;
        private final long[] offsets;
        private long offset;
        private boolean verified;

        SequentialReads(OpenFile file, int size, int depth) {
            if (size <= 0 || size > file.fileSize()) {
                throw new IllegalArgumentException("READ size " + size + " does not fit a file of " + file.fileSize());
            }
            this.file = file;
            this.size = size;
            this.offsets = new long[depth];
        }

        @Override
        public long next(LongConsumer latency) {
            if (offsets.length == 1 || !verified) {
                long start = System.nanoTime();
                file.read(offset, size, !verified);
                latency.accept(System.nanoTime() - start);
                verified = true;
                offset = nextOffset(offset, size, file.fileSize());
                return size;
            }
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = offset;
                offset = nextOffset(offset, size, file.fileSize());
            }
            file.readAll(offsets, size, latency);
            return (long) size * offsets.length;
        }

        /** The offset after a READ of {@code size} at {@code offset}, wrapping to 0 before a READ would come up short. */
        static long nextOffset(long offset, int size, long fileSize) {
            long next = offset + size;
            return next + size > fileSize ? 0 : next;
        }
    }
}
