package dev.vfc.daemon;

import java.time.LocalTime;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per record on stderr, with the Rust daemon's level names mapped onto java.util.logging. */
final class Logging {

    private Logging() {
    }

    static void configure(DaemonOptions.LogLevel level) {
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
        root.addHandler(handler);
        root.setLevel(jul);
    }
}
