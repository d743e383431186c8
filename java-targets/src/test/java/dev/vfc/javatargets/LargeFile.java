package dev.vfc.javatargets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The file of the original bug report: grubx64.efi, 2,525,712 bytes, here with seeded random content. */
final class LargeFile {

    static final String NAME = "grubx64.efi";
    static final int SIZE = 2_525_712;

    private LargeFile() {
    }

    static byte[] writeInto(Path dir) throws IOException {
        byte[] bytes = new byte[SIZE];
        new Random(SIZE).nextBytes(bytes);
        Files.write(dir.resolve(NAME), bytes);
        return bytes;
    }
}
