package dev.vfc.bench;

import java.util.List;
import java.util.Locale;

/**
 * One row of the table: a request shape sent back to back, one in flight, as one guest driver
 * lays it out. READ sizes follow the drivers: 4 KiB, 128 KiB and 1 MiB are what a Linux guest
 * sends (1 MiB is its {@code max_pages} ceiling of 256 pages); 2,525,712 bytes is the size of
 * the {@code grubx64.efi} that OVMF reads in one request in the original bug report.
 *
 * @param op what each request is
 * @param size bytes per READ; 0 for GETATTR
 * @param profile the driver profile whose session runs it ({@code linux}, {@code ovmf})
 * @param shape how that driver lays the request out, for the row label
 * @param depth requests in flight together on the one request queue (1: one after another)
 */
public record Workload(Op op, int size, String profile, String shape, int depth) {

    public enum Op { READ, GETATTR }

    public static final int GRUB_EFI_SIZE = 2_525_712;
    private static final String LINUX_SHAPE = "4 KiB descriptors, indirect";

    /**
     * The rows of the benchmark, grouped by profile so each daemon session serves one group.
     * Queue depth 16 is what a Linux guest keeps in flight on its request queue under parallel
     * I/O (fio's iodepth=16 over virtio-fs, or 16 readers).
     */
    public static List<Workload> standard() {
        return List.of(
                read(4 << 10, "linux", LINUX_SHAPE, 1),
                read(128 << 10, "linux", LINUX_SHAPE, 1),
                read(1 << 20, "linux", LINUX_SHAPE, 1),
                new Workload(Op.GETATTR, 0, "linux", "queue depth 1", 1),
                read(4 << 10, "linux", LINUX_SHAPE + ", queue depth 16", 16),
                read(128 << 10, "linux", LINUX_SHAPE + ", queue depth 16", 16),
                new Workload(Op.GETATTR, 0, "linux", "queue depth 16", 16),
                read(GRUB_EFI_SIZE, "ovmf", "one writable descriptor", 1));
    }

    private static Workload read(int size, String profile, String shape, int depth) {
        return new Workload(Op.READ, size, profile, shape, depth);
    }

    /** {@code MB/s} for READs (10^6 bytes per second), {@code ops/s} for the rest. */
    public String unit() {
        return op == Op.READ ? "MB/s" : "ops/s";
    }

    /** E.g. {@code READ 128 KiB, linux (4 KiB descriptors, indirect)}. */
    public String label() {
        String what = op == Op.READ ? "READ " + sizeLabel(size) : op.name();
        return what + ", " + profile + " (" + shape + ")";
    }

    /** Whole KiB or MiB when the size is one, exact bytes with separators otherwise. */
    static String sizeLabel(int bytes) {
        if (bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes % (1 << 10) == 0) {
            return bytes / (1 << 10) + " KiB";
        }
        return String.format(Locale.ROOT, "%,d B", bytes);
    }
}
