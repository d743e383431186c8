package dev.vfc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The file every READ workload reads: 64 MiB of random bytes in the shared directory, read
 * once on the host right after it is written so every daemon finds it in the page cache and
 * the benchmark measures the daemons, not the disk. Random bytes so that nothing along the
 * way (a compressing filesystem, a zero-page shortcut) can make one daemon look faster; a
 * fixed seed so two runs read the same bytes. The bytes stay in memory to check that what
 * a daemon returns is the file.
 */
final class BenchFile {

    static final String NAME = "throughput-64MiB.bin";
    static final int SIZE = 64 << 20;
    private static final long SEED = 0x5EED_F11EL;
    private static final int HOST_READ_CHUNK = 1 << 20;

    private final Path dir;
    private final byte[] bytes;

    private BenchFile(Path dir, byte[] bytes) {
        this.dir = dir;
        this.bytes = bytes;
    }

    /** Writes the file into {@code sharedDir} and reads it back once to warm the page cache. */
    static BenchFile createIn(Path sharedDir) throws IOException {
        byte[] bytes = new byte[SIZE];
        new SplittableRandom(SEED).nextBytes(bytes);
        Path file = sharedDir.resolve(NAME);
        Files.write(file, bytes);
        warmPageCache(file);
        return new BenchFile(sharedDir, bytes);
    }

    private static void warmPageCache(Path file) throws IOException {
        byte[] chunk = new byte[HOST_READ_CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(chunk) >= 0) {
                // reading is the point: the pages stay cached for the daemons
            }
        }
    }

    /** The shared directory the daemons serve. */
    Path dir() {
        return dir;
    }

    long size() {
        return bytes.length;
    }

    /** Whether {@code data} is exactly the file's bytes at {@code offset}. */
    boolean matches(long offset, byte[] data) {
        if (offset < 0 || offset + data.length > bytes.length) {
            return false;
        }
        return Arrays.equals(bytes, (int) offset, (int) offset + data.length, data, 0, data.length);
    }
}
