package dev.vfc.daemon;

/** A command line the daemon cannot run with; the message is the one line the user sees. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
