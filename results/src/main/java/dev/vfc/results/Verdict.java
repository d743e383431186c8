package dev.vfc.results;

import java.util.Locale;

/**
 * How one scenario went on one daemon, graded as Autobahn and WPT grade: conformance
 * outcomes (PASS, NON-STRICT, FAIL, UNSUPPORTED) apart from what happened to the daemon
 * (CRASH, TIMEOUT) and from what could not run (SKIPPED). Hardening scenarios, whose requests
 * break a rule binding the driver, have a scale of their own (CONTAINED, FAIL-STOP, HANG,
 * BREACH; see {@link Axis}). The detail says what was expected and what came back, in one line
 * where it can.
 */
public sealed interface Verdict {

    Kind kind();

    String detail();

    /** The closed set of verdict names, as results files and baselines spell them. */
    enum Kind {
        /** The daemon did what the rule requires (or prefers). */
        PASS,
        /** A SHOULD-level deviation, or an outcome the rule allows that is not the preferred one. */
        NON_STRICT,
        /** A MUST violated. */
        FAIL,
        /** ENOSYS where the rule allows it, or a capability the daemon did not negotiate. */
        UNSUPPORTED,
        /** The daemon died (exit status or signal, last log lines in the detail). */
        CRASH,
        /** The daemon stopped answering within the request deadline. */
        TIMEOUT,
        /** A prerequisite is missing; the detail says which. */
        SKIPPED,
        /** Hardening: the daemon answered the hostile request with an errno, or dropped it, and kept serving. */
        CONTAINED,
        /** Hardening: the daemon exited or reset the device, and wrote nothing where it must not. */
        FAIL_STOP,
        /** Hardening: the daemon's process lives but stopped answering (a worker died): a guest would hang. */
        HANG,
        /**
         * Hardening: the daemon wrote outside the chain's writable buffers or guest memory, returned
         * more than was asked, or touched something outside the share.
         */
        BREACH;

        /** {@code NON-STRICT} for NON_STRICT, the name otherwise. */
        public String label() {
            return name().replace('_', '-');
        }

        public static Kind parse(String label) {
            try {
                return valueOf(label.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown verdict '" + label + "' (known: PASS, NON-STRICT, FAIL, "
                        + "UNSUPPORTED, CRASH, TIMEOUT, SKIPPED, CONTAINED, FAIL-STOP, HANG, BREACH)");
            }
        }
    }

    record Pass(String detail) implements Verdict {
        public Kind kind() {
            return Kind.PASS;
        }
    }

    record NonStrict(String detail) implements Verdict {
        public Kind kind() {
            return Kind.NON_STRICT;
        }
    }

    record Fail(String detail) implements Verdict {
        public Kind kind() {
            return Kind.FAIL;
        }
    }

    record Unsupported(String detail) implements Verdict {
        public Kind kind() {
            return Kind.UNSUPPORTED;
        }
    }

    record Crash(String detail) implements Verdict {
        public Kind kind() {
            return Kind.CRASH;
        }
    }

    record Timeout(String detail) implements Verdict {
        public Kind kind() {
            return Kind.TIMEOUT;
        }
    }

    record Skipped(String detail) implements Verdict {
        public Kind kind() {
            return Kind.SKIPPED;
        }
    }

    record Contained(String detail) implements Verdict {
        public Kind kind() {
            return Kind.CONTAINED;
        }
    }

    record FailStop(String detail) implements Verdict {
        public Kind kind() {
            return Kind.FAIL_STOP;
        }
    }

    record Hang(String detail) implements Verdict {
        public Kind kind() {
            return Kind.HANG;
        }
    }

    record Breach(String detail) implements Verdict {
        public Kind kind() {
            return Kind.BREACH;
        }
    }

    static Verdict contained(String detail) {
        return new Contained(detail);
    }

    static Verdict failStop(String detail) {
        return new FailStop(detail);
    }

    static Verdict hang(String detail) {
        return new Hang(detail);
    }

    static Verdict breach(String detail) {
        return new Breach(detail);
    }

    static Verdict pass(String detail) {
        return new Pass(detail);
    }

    static Verdict nonStrict(String detail) {
        return new NonStrict(detail);
    }

    static Verdict fail(String detail) {
        return new Fail(detail);
    }

    static Verdict unsupported(String detail) {
        return new Unsupported(detail);
    }

    /** The verdict of a kind, as results files name it. */
    static Verdict of(Kind kind, String detail) {
        return switch (kind) {
            case PASS -> new Pass(detail);
            case NON_STRICT -> new NonStrict(detail);
            case FAIL -> new Fail(detail);
            case UNSUPPORTED -> new Unsupported(detail);
            case CRASH -> new Crash(detail);
            case TIMEOUT -> new Timeout(detail);
            case SKIPPED -> new Skipped(detail);
            case CONTAINED -> new Contained(detail);
            case FAIL_STOP -> new FailStop(detail);
            case HANG -> new Hang(detail);
            case BREACH -> new Breach(detail);
        };
    }

    /** {@code expected ..., got ...}: the one-line shape every FAIL detail takes. */
    static Verdict fail(String expected, String actual) {
        return new Fail("expected " + expected + ", got " + actual);
    }
}
