package dev.vfc.cli;

/** A command line that cannot run; the message is the one line the user sees, and the exit status is 2. */
final class UsageError extends Exception {

    UsageError(String message) {
        super(message);
    }
}
