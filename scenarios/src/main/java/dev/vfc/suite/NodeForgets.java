package dev.vfc.suite;

import static dev.vfc.suite.Lifecycle.FILE;
import static dev.vfc.suite.Lifecycle.FILE_SIZE;
import static dev.vfc.suite.Lifecycle.readsFile;
import static dev.vfc.suite.Lifecycle.readsFrom;

import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.util.ArrayList;
import java.util.List;

/**
 * FORGET of nodes still or no longer in use. Linux 6.1 forgets a node once, with the whole lookup
 * count it holds, when it evicts the inode (fs/fuse/inode.c fuse_evict_inode → fuse_queue_forget
 * with fi->nlookup), and never uses the nodeid after; it never forgets the root. So a node used
 * after its FORGET, a FORGET of more lookups than were made and a FORGET of the root are requests
 * no driver sends: all hardening. OVMF's partial FORGET is hardening too, for the queue it uses.
 */
final class NodeForgets {

    static final String COUNT = "include/uapi/linux/fuse.h (Linux 6.1) FUSE_FORGET and libfuse fuse_lowlevel.h "
            + "(forget): every LOOKUP reply that carries a nodeid counts one lookup, FORGET subtracts nlookup and "
            + "only at zero may the daemon drop the node; Linux 6.1 forgets a node once, with all its lookups, on "
            + "eviction (fs/fuse/inode.c fuse_evict_inode) and never uses the nodeid again";
    static final String GRADES = "Hardening: the daemon keeps serving, with an errno or the still-known node for "
            + "the stale nodeid, CONTAINED; another file's attributes for it BREACH (an entry the guest did not name); "
            + "a later LOOKUP, OPEN or READ of the file that fails NON-STRICT; exit FAIL-STOP";

    private NodeForgets() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("lifecycle/forget/then-getattr")
                .title("GETATTR of a node after FORGET took its lookup count to zero gets an errno or that same file's "
                        + "attributes, never another file's; a new LOOKUP then works")
                .rule(COUNT + ", so GETATTR of a forgotten node is one no driver sends. " + GRADES)
                .hardening()
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(NodeForgets::forgetThenGetattr)));
        all.add(Scenario.builder("lifecycle/forget/partial")
                .title("After two LOOKUPs of a file and a FORGET of one (OVMF's pattern, FORGET on the request "
                        + "queue), the node still serves GETATTR, OPEN and READ")
                .rule(COUNT + "; OVMF (edk2-stable202211 OvmfPkg/VirtioFsDxe/FuseForget.c) sends FORGET on the "
                        + "request queue, which virtio 1.3 §5.11.6.2.2 forbids the driver (\"The driver MUST submit "
                        + "FUSE_INTERRUPT, FUSE_FORGET, and FUSE_BATCH_FORGET requests solely on the hiprio queue\"), "
                        + "and waits for the chain to come back. " + GRADES)
                .hardening()
                .driver("ovmf")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(NodeForgets::forgetPartial)));
        all.add(Scenario.builder("lifecycle/forget/root")
                .title("A FORGET of the root (nodeid 1, which no driver sends) leaves the root serving GETATTR and "
                        + "LOOKUP")
                .rule("include/uapi/linux/fuse.h (Linux 6.1): FUSE_ROOT_ID is 1 for the whole session and the root is "
                        + "never looked up, so it has no lookup count to forget (Linux 6.1 never evicts the root "
                        + "inode while mounted; OVMF never forgets it). " + GRADES)
                .hardening()
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(NodeForgets::forgetRoot)));
        all.add(Scenario.builder("lifecycle/forget/excess")
                .title("FORGET with nlookup 1000 of a node looked up once: the daemon keeps serving, and a new LOOKUP "
                        + "of the file works")
                .rule(COUNT + "; an nlookup beyond the count is one no driver sends. " + GRADES)
                .hardening()
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(NodeForgets::forgetExcess)));
        return all;
    }

    /** Sends FORGET; ends the check when the answer to it is no containment (a BREACH or a reply). */
    private static void forget(FuseSession fuse, long node, long nlookup) {
        Verdict v = Containment.ofExchange(fuse.forget(node, nlookup));
        if (v.kind() != Verdict.Kind.CONTAINED) {
            throw new VerdictReached(v);
        }
    }

    private static Verdict forgetThenGetattr(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        EntryOut first = Steps.entry(fuse, 1, FILE);
        forget(fuse, first.nodeid(), 1);
        FuseReply<AttrOut> r = fuse.getattr(first.nodeid());
        Verdict v = Containment.ofExchange(r.exchange());
        if (v.kind() == Verdict.Kind.BREACH) {
            return v;
        }
        if (r.isOk() && r.value().attr().ino() != first.attr().ino()) {
            return Verdict.breach("GETATTR of the forgotten node answered with another file's attributes (ino "
                    + r.value().attr().ino() + ", not " + first.attr().ino() + ")");
        }
        Verdict serving = Serving.hardening(c, Verdict.contained("served"));
        if (serving.kind() != Verdict.Kind.CONTAINED) {
            return serving;
        }
        EntryOut again = Steps.entry(fuse, 1, FILE);
        if (again.attr().ino() != first.attr().ino()) {
            return Verdict.nonStrict("the new LOOKUP gave ino " + again.attr().ino() + ", not " + first.attr().ino());
        }
        return Verdict.contained("GETATTR of the forgotten node: " + (r.isOk() ? "still served for the same file"
                : Errno.describe(r.error())) + "; a new LOOKUP works");
    }

    private static Verdict forgetPartial(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, FILE);
        long second = Steps.lookup(fuse, 1, FILE);
        if (second != node) {
            return Verdict.nonStrict("two LOOKUPs of the same file gave nodeids " + node + " and " + second);
        }
        forget(fuse, node, 1);
        Steps.require(fuse.getattr(node), "GETATTR of a node with one lookup left");
        long fh = Steps.require(fuse.open(node, 0), "OPEN of a node with one lookup left").fh();
        return Expect.firstOf(readsFrom(fuse, node, fh), () -> Verdict.contained("after FORGET 1 of 2 lookups on "
                + "the request queue the node still serves GETATTR, OPEN and READ"));
    }

    private static Verdict forgetRoot(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        forget(fuse, 1, 1);
        Verdict serving = Serving.hardening(c, Verdict.contained("the root still serves GETATTR and LOOKUP after a "
                + "FORGET of it"));
        if (serving.kind() == Verdict.Kind.CONTAINED) {
            Steps.lookup(fuse, 1, FILE);
        }
        return serving;
    }

    private static Verdict forgetExcess(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, FILE);
        forget(fuse, node, 1000);
        Verdict serving = Serving.hardening(c, Verdict.contained("served"));
        if (serving.kind() != Verdict.Kind.CONTAINED) {
            return serving;
        }
        return Expect.firstOf(readsFile(c), () -> Verdict.contained("FORGET 1000 of a node looked up once was "
                + "survived; a new LOOKUP, OPEN and READ work"));
    }
}
