package dev.vfc.suite;

import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.scenario.Verdict;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;

/**
 * The set-up steps checks share (INIT, LOOKUP, OPEN, ...). Each one either returns what the
 * check needs or ends the scenario with a FAIL saying which step went wrong.
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
}
