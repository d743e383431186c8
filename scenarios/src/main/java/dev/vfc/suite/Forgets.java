package dev.vfc.suite;

import static dev.vfc.suite.Robustness.FILE;
import static dev.vfc.suite.Robustness.FILE_SIZE;
import static dev.vfc.suite.Robustness.ROOT;
import static dev.vfc.suite.Robustness.send;

import dev.vfc.fuse.BatchForgetIn;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.ForgetOne;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseSession;
import java.util.ArrayList;
import java.util.List;

/**
 * FORGET and BATCH_FORGET, the requests without a reply: the chain must still come back, as the
 * driver frees or reuses it only then. Linux's FORGET on the hiprio queue is legal; OVMF's FORGET
 * on a request queue and a BATCH_FORGET whose count runs past its body are not.
 */
final class Forgets {

    static final String NO_REPLY = "FUSE_FORGET and FUSE_BATCH_FORGET get no reply (include/uapi/linux/fuse.h of Linux 6.1 (7.38)); "
            + "Linux 6.1 sends FORGET on the hiprio queue with device-readable buffers only and frees it when the "
            + "device returns it (fs/fuse/virtio_fs.c send_forget_request, virtio_fs_hiprio_done_work)";

    private Forgets() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("robustness/forget/request-queue/ovmf")
                .title("FORGET on the request queue, as OVMF sends it: the chain comes back, the node stays usable")
                .rule(NO_REPLY + ". Virtio 1.3 §5.11.6.2.2 binds the driver: \"The driver MUST submit FUSE_INTERRUPT, "
                        + "FUSE_FORGET, and FUSE_BATCH_FORGET requests solely on the hiprio queue\"; OVMF "
                        + "(edk2-stable202211 OvmfPkg/VirtioFsDxe/FuseForget.c) sends it on the request queue and "
                        + "polls for the chain without a deadline, so this is hardening: chain returned with "
                        + "nothing written and the remaining lookup still serving CONTAINED, a reply written or the "
                        + "node lost NON-STRICT, never returned HANG (OVMF would hang)")
                .hardening()
                .driver("ovmf").fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(c -> forget(c, true))));
        all.add(Scenario.builder("robustness/forget/hiprio/linux")
                .title("FORGET on the hiprio queue, as Linux sends it: the chain comes back, the node stays usable")
                .rule(NO_REPLY + "; the chain has no writable buffer, so used.len must be 0 (virtio 1.3 §2.7.8.2); "
                        + "after one of two lookups is forgotten the node still holds one and Linux keeps using its "
                        + "nodeid (fs/fuse/inode.c: the kernel forgets a node's nlookup only when it evicts it). "
                        + "A chain never returned is TIMEOUT, death CRASH")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(c -> forget(c, false)));
        all.add(Scenario.builder("robustness/batch-forget/count-past-body")
                .title("BATCH_FORGET whose count says 1,000,000 entries but whose body holds one")
                .rule(NO_REPLY + "; struct fuse_batch_forget_in's count is the number of fuse_forget_one that follow "
                        + "it (fuse.h 7.38), so a count past the body is one no driver writes (Linux 6.1's virtio-fs "
                        + "sends only FORGET). Hardening: the chain returned CONTAINED, a reply NON-STRICT, the "
                        + "daemon must keep serving")
                .hardening()
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Containment.guarded(Forgets::batchForgetPastBody)));
        return all;
    }

    /**
     * LOOKUP twice (two references), FORGET one of them: the chain must come back with used.len 0
     * and the node must still answer GETATTR, since one reference remains.
     */
    static Verdict forget(ScenarioContext c, boolean hardening) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, ROOT, FILE);
        Steps.lookup(fuse, ROOT, FILE);
        Exchange e = fuse.forget(node, 1);
        if (hardening) {
            Verdict v = Containment.ofExchange(e);
            if (v.kind() == Verdict.Kind.CONTAINED) {
                var r = fuse.getattr(node);
                v = r.isOk() ? Verdict.contained("chain returned with used.len 0; the node still answers after one "
                        + "of two lookups was forgotten")
                        : Verdict.nonStrict("chain returned, but GETATTR of the node (one lookup left) answers "
                                + Errno.describe(r.error()));
            }
            return Serving.hardening(c, v);
        }
        Verdict broken = Expect.transport(e);
        if (broken != null) {
            return broken;
        }
        long used = Integer.toUnsignedLong(e.completion().usedLen());
        if (used != 0) {
            return Verdict.fail("used.len 0 (FORGET has no reply)", "used.len " + used);
        }
        Verdict serving = Serving.conformance(c);
        if (serving != null) {
            return serving;
        }
        var r = fuse.getattr(node);
        return r.isOk() ? Verdict.pass("chain returned with used.len 0; the node still answers after one of two "
                + "lookups was forgotten")
                : Verdict.fail("GETATTR of the node (one lookup left) to succeed", Errno.describe(r.error()));
    }

    static Verdict batchForgetPastBody(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, ROOT, FILE);
        Steps.lookup(fuse, ROOT, FILE);
        FuseInHeader header = fuse.header(FuseOpcode.BATCH_FORGET, 0, BatchForgetIn.SIZE + ForgetOne.SIZE);
        Exchange e = send(fuse, header, "count 1000000, one forget_one", List.of(
                FuseSession.encode(new BatchForgetIn(1_000_000)), FuseSession.encode(new ForgetOne(node, 1))));
        return Serving.hardening(c, Containment.ofExchange(e));
    }
}
