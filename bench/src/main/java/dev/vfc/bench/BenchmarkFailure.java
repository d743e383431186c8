package dev.vfc.bench;

/**
 * A reply that makes a measurement meaningless (an errno, a short READ, bytes that are not
 * the file's), while the daemon is still a working peer: the cell fails, the next workload in
 * the same session still runs. A dead or hung daemon is a {@code DaemonFailure} instead.
 */
final class BenchmarkFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BenchmarkFailure(String message) {
        super(message);
    }
}
