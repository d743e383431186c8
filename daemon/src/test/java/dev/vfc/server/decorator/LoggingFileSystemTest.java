package dev.vfc.server.decorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.fs.Context;
import dev.vfc.fs.FsException;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.ReadIn;
import dev.vfc.server.FuseServer;
import dev.vfc.server.fake.HeapChainWriter;
import dev.vfc.server.fake.MemoryFileSystem;
import dev.vfc.server.fake.Req;
import java.lang.System.Logger;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LoggingFileSystemTest {

    /** Records DEBUG lines, or refuses DEBUG altogether. */
    static final class RecordingLogger implements Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final boolean debug;

        RecordingLogger(boolean debug) {
            this.debug = debug;
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return debug || level.getSeverity() > Level.DEBUG.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                lines.add(msg);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                lines.add(format);
            }
        }

        @Override
        public void log(Level level, Supplier<String> msg) {
            if (isLoggable(level)) {
                lines.add(msg.get());
            }
        }
    }

    private final MemoryFileSystem fs = new MemoryFileSystem();
    private final Context ctx = new Context(0, 0, 1);

    @Test
    void a_successful_call_is_logged_with_its_arguments_and_result() throws FsException {
        RecordingLogger log = new RecordingLogger(true);
        long id = fs.addFile("grubx64.efi", new byte[42]);

        new LoggingFileSystem(fs, log).lookup(ctx, 1, "grubx64.efi".getBytes());

        assertThat(log.lines).containsExactly("lookup(parent=1, name=\"grubx64.efi\") -> nodeid=" + id
                + " mode=0100644 size=42");
    }

    @Test
    void a_failed_call_is_logged_with_its_errno_and_still_fails() {
        RecordingLogger log = new RecordingLogger(true);

        assertThatThrownBy(() -> new LoggingFileSystem(fs, log).lookup(ctx, 1, "nope".getBytes()))
                .isInstanceOf(FsException.class);

        assertThat(log.lines).singleElement().asString().startsWith("lookup(parent=1, name=\"nope\") -> ENOENT(-2)");
    }

    @Test
    void nothing_is_logged_when_debug_is_off() throws FsException {
        RecordingLogger log = new RecordingLogger(false);
        fs.addFile("a", new byte[1]);

        new LoggingFileSystem(fs, log).lookup(ctx, 1, "a".getBytes());

        assertThat(log.lines).isEmpty();
    }

    @Test
    void reads_through_the_server_are_logged_with_their_size_and_byte_count() {
        RecordingLogger log = new RecordingLogger(true);
        long id = fs.addFile("f", new byte[100]);
        FuseServer server = new FuseServer(new LoggingFileSystem(ReadLimitFileSystem.rust160(fs), log));
        server.handle(Req.op(FuseOpcode.INIT).bytes(new byte[] {7, 0, 0, 0, 31, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, 0, 0})
                .chain(), HeapChainWriter.of(80));

        server.handle(Req.op(FuseOpcode.READ).node(id).body(new ReadIn(5, 0, 4096, 0, 0, 0)).chain(),
                HeapChainWriter.of(16, 4096));
        server.handle(Req.op(FuseOpcode.READ).node(id).body(new ReadIn(5, 0, 2 << 20, 0, 0, 0)).chain(),
                HeapChainWriter.of(16, 2 << 20));

        assertThat(log.lines).contains("read(node=" + id + ", fh=5, offset=0, size=4096) -> 100 bytes");
        assertThat(log.lines).anySatisfy(l -> assertThat(l).startsWith("read(node=" + id
                + ", fh=5, offset=0, size=2097152) -> " + Errno.describe(-12)));
    }

    @Test
    void default_methods_are_forwarded_not_answered_with_ENOSYS() throws FsException {
        LoggingFileSystem logging = new LoggingFileSystem(fs, new RecordingLogger(true));

        long link = logging.symlink(ctx, "target".getBytes(), 1, "l".getBytes()).nodeid();

        assertThat(logging.readlink(ctx, link)).isEqualTo("target".getBytes());
    }
}
