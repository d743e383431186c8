package dev.vfc.suite;

import dev.vfc.scenario.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Shared-directory contents the scenarios start from; file bytes are seeded, so any run can recompute them. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The bytes of a fixture file of {@code size} bytes: the same on every run. */
    public static byte[] content(long size) {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(size * 31 + 7).nextBytes(bytes);
        return bytes;
    }

    public static Fixture file(String name, long size) {
        return shared -> Files.write(shared.resolve(name), content(size));
    }

    public static Fixture directory(String name) {
        return shared -> Files.createDirectories(shared.resolve(name));
    }

    public static Fixture symlink(String name, String target) {
        return shared -> Files.createSymbolicLink(shared.resolve(name), Path.of(target));
    }

    /** {@code count} empty files {@code entry-0000} ... in directory {@code dir}. */
    public static Fixture manyFiles(String dir, int count) {
        return shared -> {
            Path d = Files.createDirectories(shared.resolve(dir));
            for (int i = 0; i < count; i++) {
                Files.createFile(d.resolve(String.format("entry-%04d", i)));
            }
        };
    }
}
