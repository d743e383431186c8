package dev.vfc.ovmf.trace;

/** A trace file that does not follow the format; the message names the line. */
public final class TraceFormatException extends RuntimeException {

    public TraceFormatException(int line, String message) {
        super("line " + line + ": " + message);
    }
}
