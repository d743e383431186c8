package dev.vfc.suite;

import dev.vfc.scenario.Fixture;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
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

    /** Sets user.{@code name} on a fixture file (the JDK adds the "user." prefix). */
    public static Fixture xattr(String file, String name, String value) {
        return shared -> Files.getFileAttributeView(shared.resolve(file), UserDefinedFileAttributeView.class)
                .write(name, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    public static Fixture perms(String file, String perms) {
        return shared -> Files.setPosixFilePermissions(shared.resolve(file), PosixFilePermissions.fromString(perms));
    }

    /** Sets a fixture file's atime and mtime (seconds since the epoch). */
    public static Fixture times(String file, long atime, long mtime) {
        return shared -> Files.getFileAttributeView(shared.resolve(file), BasicFileAttributeView.class)
                .setTimes(FileTime.from(Instant.ofEpochSecond(mtime)), FileTime.from(Instant.ofEpochSecond(atime)),
                        null);
    }

    /** 4096 bytes of data, a hole up to 1 MiB, 4096 bytes of data: 1 MiB + 4096 bytes. */
    public static Fixture sparse(String file) {
        return shared -> {
            try (FileChannel ch = FileChannel.open(shared.resolve(file), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(Fixtures.content(4096)), 0);
                ch.write(ByteBuffer.wrap(Fixtures.content(4096)), (1 << 20));
            }
        };
    }
}
