package dev.vfc.daemon;

import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixDatagram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * {@code --syslog}: each record as one datagram to the local syslog socket in the BSD syslog
 * format that glibc's syslog(3) sends ({@code <PRI>TAG[PID]: MESSAGE}, RFC 3164 without the
 * timestamp, which syslog daemons add), facility LOG_USER as the Rust virtiofsd 1.13 uses
 * (src/main.rs, {@code syslog::Facility::LOG_USER}).
 */
final class SyslogHandler extends Handler {

    static final Path DEV_LOG = Path.of("/dev/log");
    /** LOG_USER, sys/syslog.h. */
    private static final int FACILITY_USER = 1;

    private final String tag;
    private final UnixDatagram socket;
    private final SimpleFormatter text = new SimpleFormatter();

    SyslogHandler(Path target, String tag) throws IOException {
        if (!target.toFile().exists()) {
            throw new IOException(target + " does not exist");
        }
        this.tag = tag;
        // Connected now, before any sandbox: inside one, /dev/log is the share's.
        this.socket = UnixDatagram.connect(target);
    }

    /** syslog severities: 3 err, 4 warning, 6 info, 7 debug. */
    static int severity(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        if (v >= Level.INFO.intValue()) {
            return 6;
        }
        return 7;
    }

    /** The datagram for {@code r}. */
    String line(LogRecord r) {
        String thrown = r.getThrown() == null ? "" : " (" + r.getThrown() + ")";
        return "<" + (FACILITY_USER * 8 + severity(r.getLevel())) + ">" + tag + "[" + ProcessHandle.current().pid()
                + "]: " + text.formatMessage(r) + thrown;
    }

    @Override
    public void publish(LogRecord r) {
        if (!isLoggable(r)) {
            return;
        }
        try {
            socket.send(line(r).getBytes(StandardCharsets.UTF_8));
        } catch (SyscallException e) {
            reportError("syslog: " + e.getMessage(), e, 0);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        socket.close();
    }
}
