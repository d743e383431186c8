package dev.vfc.daemon;

import java.time.LocalTime;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per record on stderr, or with {@code --syslog} one datagram per record to /dev/log
 * ({@link SyslogHandler}), with the Rust daemon's level names mapped onto java.util.logging.
 */
final class Logging {

    private Logging() {
    }

    static void configure(DaemonOptions.LogLevel level) {
        configure(level, false);
    }

    /**
     * As above; {@code syslog} sends to /dev/log instead of stderr, as Rust virtiofsd 1.13 (which
     * warns and stays on stderr when syslog cannot be reached: src/main.rs initialize_logging).
     */
    static void configure(DaemonOptions.LogLevel level, boolean syslog) {
        Level jul = switch (level) {
            case ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINEST;
            case OFF -> Level.OFF;
        };
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(jul);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String thrown = r.getThrown() == null ? "" : " (" + r.getThrown() + ")";
                return String.format("[%s %s %s] %s%s%n", LocalTime.now(), r.getLevel().getName(),
                        Thread.currentThread().getName(), formatMessage(r), thrown);
            }
        });
        if (syslog) {
            try {
                SyslogHandler sys = new SyslogHandler(SyslogHandler.DEV_LOG, "vfc-daemon");
                sys.setLevel(jul);
                root.addHandler(sys);
                root.setLevel(jul);
                return;
            } catch (java.io.IOException e) {
                root.addHandler(handler);
                root.setLevel(jul);
                root.warning("can't enable syslog: " + e.getMessage());
                return;
            }
        }
        root.addHandler(handler);
        root.setLevel(jul);
    }
}
