package dev.vfc.bench;

/**
 * An endless run of one workload's requests, sent strictly one after another (the frontend
 * keeps one chain in flight, as OVMF and a synchronous Linux request do).
 */
@FunctionalInterface
interface RequestStream {

    /** Sends the next request and waits for its checked reply; returns what it counts for (bytes or 1 op). */
    long next();

    /** The stream {@code workload} describes, over {@code file}. */
    static RequestStream of(Workload workload, OpenFile file) {
        return switch (workload.op()) {
            case READ -> new SequentialReads(file, workload.size());
            case GETATTR -> () -> {
                file.getattr();
                return 1;
            };
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
        private long offset;
        private boolean verified;

        SequentialReads(OpenFile file, int size) {
            if (size <= 0 || size > file.fileSize()) {
                throw new IllegalArgumentException("READ size " + size + " does not fit a file of " + file.fileSize());
            }
            this.file = file;
            this.size = size;
        }

        @Override
        public long next() {
            file.read(offset, size, !verified);
            verified = true;
            offset = nextOffset(offset, size, file.fileSize());
            return size;
        }

        /** The offset after a READ of {@code size} at {@code offset}, wrapping to 0 before a READ would come up short. */
        static long nextOffset(long offset, int size, long fileSize) {
            long next = offset + size;
            return next + size > fileSize ? 0 : next;
        }
    }
}
