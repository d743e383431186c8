package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A passthrough filesystem over a fresh temporary share; tests run as root. */
abstract class PassthroughTestBase {

    static final long ROOT = 1;
    static final Context GUEST_ROOT = new Context(0, 0, 100);
    static final Context USER = new Context(1000, 1000, 101);

    @TempDir
    Path share;

    PassthroughFileSystem fs;

    @BeforeEach
    void startFilesystem() throws IOException {
        fs = new PassthroughFileSystem(options(share));
    }

    @AfterEach
    void stopFilesystem() {
        if (fs != null) {
            fs.close();
        }
    }

    /** Overridden by tests that need other options. */
    PassthroughOptions options(Path dir) {
        return PassthroughOptions.of(dir).withXattr(true);
    }

    EntryOut lookup(long parent, String name) throws FsException {
        return fs.lookup(GUEST_ROOT, parent, bytes(name));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertErrno(ThrowingCallable call, Errno errno) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FsException.class,
                e -> assertThat(Errno.describe(-e.errno())).as(e.getMessage()).isEqualTo(Errno.describe(-errno.number())));
    }

    static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
