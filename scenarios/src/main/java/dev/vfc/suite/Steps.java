package dev.vfc.suite;

import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;

/**
 * The set-up steps checks share (INIT, LOOKUP, OPEN, ...) and the reply steps ({@link #done},
 * {@link #need}). Each one either returns what the check needs or ends the scenario: FAIL saying
 * which step went wrong, or UNSUPPORTED for an errno the rule allows an unimplemented operation.
 */
public final class Steps {

    /** A file the check has looked up and opened. */
    public record Handle(long node, long fh) {
    }

    private Steps() {
    }

    public static void init(FuseSession fuse) {
        require(fuse.init(), "INIT");
    }

    public static long lookup(FuseSession fuse, long parent, String name) {
        return require(fuse.lookup(parent, name), "LOOKUP of " + name).nodeid();
    }

    public static EntryOut entry(FuseSession fuse, long parent, String name) {
        return require(fuse.lookup(parent, name), "LOOKUP of " + name);
    }

    /** INIT, LOOKUP {@code name} under the root, OPEN it with {@code flags}. */
    public static Handle open(FuseSession fuse, String name, int flags) {
        init(fuse);
        long node = lookup(fuse, 1, name);
        return new Handle(node, require(fuse.open(node, flags), "OPEN of " + name).fh());
    }

    /** The reply's body, or the scenario ends: FAIL "expected {@code what} to succeed, got ...". */
    public static <T> T require(FuseReply<T> reply, String what) {
        Verdict broken = Expect.transport(reply.exchange());
        if (broken != null) {
            throw new VerdictReached(broken);
        }
        if (!reply.isOk()) {
            throw new VerdictReached(Verdict.fail(what + " to succeed", Errno.describe(reply.error())));
        }
        return reply.value();
    }

    /**
     * The reply is success, or the check ends: UNSUPPORTED for any of {@code optional} (an errno
     * the rule lets this operation answer when it is not implemented), FAIL for anything else or a
     * broken transport. For replies with no body (the typed {@code Void} calls), where
     * {@link FuseReply#isOk()} is never true.
     */
    static void done(FuseReply<?> r, String what, Errno... optional) {
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            throw new VerdictReached(broken);
        }
        Verdict u = unimplemented(r, what, optional);
        if (u != null) {
            throw new VerdictReached(u);
        }
        if (r.error() != 0) {
            throw new VerdictReached(Verdict.fail(what + " to succeed", Errno.describe(r.error())));
        }
    }

    /** As {@link #done}, and the body must have decoded. */
    static <T> T need(FuseReply<T> r, String what, Errno... optional) {
        done(r, what, optional);
        if (r.body().isEmpty()) {
            throw new VerdictReached(Verdict.fail("a " + what + " reply body of the right size",
                    r.exchange().completion().usedLen() + " bytes used"));
        }
        return r.body().get();
    }

    /** UNSUPPORTED when the reply's error is one of {@code optional}, else null. */
    static Verdict unimplemented(FuseReply<?> r, String what, Errno... optional) {
        for (Errno e : optional) {
            if (r.error() == e.errorField()) {
                return Verdict.unsupported(what + " answered " + Errno.describe(r.error())
                        + ", which the rule allows for an unimplemented operation");
            }
        }
        return null;
    }
}
