package dev.vfc.suite;

import static dev.vfc.suite.InitNegotiation.judgeInit;
import static dev.vfc.suite.InitNegotiation.ovmfAccepts;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.FuseRequest;
import dev.vfc.driver.ReplyArg;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.InitOut;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The session's life after INIT: a second INIT without DESTROY (a new driver taking over, an OVMF
 * re-bind), DESTROY then INIT, a request after DESTROY, the vhost-user rings stopped and started
 * again (guest reset, VM pause), and SET_VRING_CALL renewed mid-session. FORGET of nodes is
 * {@link NodeForgets}; FUSE_INIT itself is {@link InitNegotiation}.
 */
public final class Lifecycle {

    static final String FILE = "file.bin";
    static final int FILE_SIZE = 4096;
    static final String NEW_SESSION = "virtio 1.3 §5.11.6.1 binds the device: \"The next FUSE_INIT message "
            + "terminates the current session and starts a new session\"";

    private Lifecycle() {
    }

    /** INIT, the session's life, then FORGET of its nodes. */
    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>(InitNegotiation.scenarios());
        all.addAll(sessions());
        all.addAll(NodeForgets.scenarios());
        return all;
    }

    private static List<Scenario> sessions() {
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("lifecycle/init-twice")
                .title("A second INIT without DESTROY (a guest that rebooted) is answered and the new session serves "
                        + "LOOKUP and READ")
                .rule(NEW_SESSION + "; a driver that takes over without a device reset (a kexec'd kernel, a "
                        + "firmware driver re-binding) sends one without DESTROY")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(c -> {
                    FuseSession fuse = c.fuse();
                    Steps.init(fuse);
                    Steps.lookup(fuse, 1, FILE);
                    InitOut again = judgeInit(fuse.init(), fuse.driver().initRequest());
                    return Expect.firstOf(readsFile(c), () -> Verdict.pass("second INIT answered 7." + again.minor()
                            + "; LOOKUP and READ work in the new session"));
                }));
        all.add(Scenario.builder("lifecycle/init-twice/ovmf-unique-restart")
                .title("OVMF re-binding (a second INIT, again with unique 1, while a file is open) gets a reply OVMF "
                        + "accepts, and the new session serves LOOKUP, OPEN and READ")
                .rule(NEW_SESSION + "; OVMF never sends DESTROY and starts every binding's requests at unique 1 "
                        + "(edk2-stable202211 OvmfPkg/VirtioFsDxe/DriverBinding.c, FuseInit.c), and holds the reply to "
                        + "its acceptance rules (FuseInit.c VirtioFsFuseInitSession)")
                .driver("ovmf")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::ovmfRebind));
        all.add(Scenario.builder("lifecycle/destroy/then-init")
                .title("DESTROY is answered, and an INIT after it opens a new session that serves LOOKUP and READ")
                .rule(NEW_SESSION + ", so INIT after DESTROY (a remount on the same device) must open a session "
                        + "that serves. DESTROY itself: Linux 6.1 waits for the chain but ignores the answer "
                        + "(fs/fuse/inode.c fuse_send_destroy calls fuse_simple_request and drops its result), and "
                        + "with no out header it reads its own zeroed one (fs/fuse/virtio_fs.c "
                        + "virtio_fs_request_complete checks nothing); no text a 6.1 guest depends on makes the out "
                        + "header binding, so a chain returned without one is NON-STRICT (the request format of "
                        + "§5.11.6.1 has one, and libfuse's do_destroy sends it)")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::destroyThenInit));
        all.add(Scenario.builder("lifecycle/destroy/request-after")
                .title("A GETATTR after DESTROY and before a new INIT gets an errno reply, and INIT then works")
                .rule("FUSE_DESTROY ends the session and is the last request Linux 6.1 sends on it "
                        + "(fs/fuse/inode.c fuse_conn_destroy, from virtio_kill_sb via virtio_fs_conn_destroy); a "
                        + "request after it, before a new FUSE_INIT, is one no driver sends. Hardening: an errno "
                        + "CONTAINED, serving it NON-STRICT; INIT must then work (" + "virtio 1.3 §5.11.6.1)")
                .hardening()
                .check(Containment.guarded(Lifecycle::requestAfterDestroy)));
        for (String driver : List.of("linux", "ovmf")) {
            all.add(Scenario.builder("lifecycle/ring-restart/reinit/" + driver)
                    .title("Rings stopped (SET_VRING_ENABLE 0, GET_VRING_BASE) and started again as QEMU 7.2 does "
                            + "on a guest reset, then a fresh INIT from the " + driver + " driver: the new session "
                            + "serves LOOKUP, OPEN and READ")
                    .rule("vhost-user spec \"Ring states\" (GET_VRING_BASE stops a ring, SET_VRING_BASE/KICK start it "
                            + "again from the saved index; QEMU 7.2 docs/interop/vhost-user.rst) and QEMU 7.2 "
                            + "hw/virtio/vhost-user-fs.c vuf_set_status (vhost_dev_stop/vhost_dev_start on a reset): "
                            + "after DRIVER_OK the guest sends a fresh FUSE_INIT without DESTROY; " + NEW_SESSION)
                    .driver(driver)
                    .fixture(Fixtures.file(FILE, FILE_SIZE))
                    .check(Lifecycle::ringRestartReinit));
        }
        all.add(Scenario.builder("lifecycle/ring-restart/resume")
                .title("Rings stopped and started again without a new INIT (a VM paused and resumed): the open file "
                        + "handle and node ids of the running session still work")
                .rule("QEMU 7.2 vuf_set_status stops the vhost device when the VM stops and starts it when it runs "
                        + "again (hw/virtio/vhost-user-fs.c, vhost_dev_stop/vhost_dev_start); the guest driver is not "
                        + "told, so its FUSE session continues; vhost-user spec \"Ring states\": a ring restarts from "
                        + "the index GET_VRING_BASE returned")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::ringRestartResume));
        all.add(Scenario.builder("lifecycle/call-renew")
                .title("SET_VRING_CALL sent again with a fresh eventfd three times mid-session (MSI-X mask and "
                        + "unmask): every request after each renewal completes")
                .rule("QEMU 7.2 re-sends SET_VRING_CALL whenever the guest masks or unmasks an MSI-X vector "
                        + "(hw/virtio/vhost.c vhost_virtqueue_mask): a backend must accept repeated SET_VRING_CALL "
                        + "and signal the newest eventfd (QEMU 7.2 docs/interop/vhost-user.rst, "
                        + "VHOST_USER_SET_VRING_CALL)")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::callRenew));
        return all;
    }

    /** LOOKUP, OPEN and READ of the fixture file in the current session: null when its bytes come back. */
    static Verdict readsFile(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        long node = Steps.lookup(fuse, 1, FILE);
        long fh = Steps.require(fuse.open(node, 0), "OPEN of " + FILE).fh();
        return readsFrom(fuse, node, fh);
    }

    static Verdict readsFrom(FuseSession fuse, long node, long fh) {
        ByteBuffer data = Steps.require(fuse.read(node, fh, 0, FILE_SIZE), "READ of " + FILE);
        byte[] got = new byte[data.remaining()];
        data.get(got);
        if (!Arrays.equals(got, Fixtures.content(FILE_SIZE))) {
            return Verdict.fail("the file's " + FILE_SIZE + " bytes", got.length + " bytes that differ from them");
        }
        return null;
    }

    private static Verdict ovmfRebind(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.open(fuse, FILE, 0);
        InitIn in = fuse.driver().initRequest();
        ByteBuffer body = ByteBuffer.allocate(fuse.driver().initBodySize()).order(ByteOrder.LITTLE_ENDIAN);
        in.encodeTo(body, fuse.driver().initBodySize());
        body.flip();
        FuseInHeader header = FuseInHeader.of(FuseOpcode.INIT, FuseInHeader.SIZE + body.remaining(), 1, 0, 0, 0, 1);
        FuseRequest request = new FuseRequest(FuseSession.encode(header), List.of(body), false,
                List.of(ReplyArg.fixed(InitOut.SIZE)));
        ChainLayout layout = fuse.driver().layout(request, fuse.frontend().indirectNegotiated());
        Exchange e = fuse.raw(header, in + " (unique 1 again)", layout);
        Verdict broken = Expect.transport(e);
        if (broken != null) {
            return broken;
        }
        FuseOutHeader out = e.reply().orElseThrow();
        if (out.error() != 0) {
            return Verdict.fail("the second INIT to succeed", Errno.describe(out.error()));
        }
        ByteBuffer used = e.completion().usedBytes();
        used.position(FuseOutHeader.SIZE);
        InitOut init = InitOut.decode(used.slice().order(ByteOrder.LITTLE_ENDIAN),
                Math.min(InitOut.SIZE, used.remaining()));
        Verdict ovmf = ovmfAccepts(init, e);
        if (ovmf != null) {
            return ovmf;
        }
        return Expect.firstOf(readsFile(c), () -> Verdict.pass("second INIT (unique 1) answered 7." + init.minor()
                + "; LOOKUP, OPEN and READ work in the new session"));
    }

    private static Verdict destroyThenInit(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        Steps.lookup(fuse, 1, FILE);
        FuseReply<Void> d = fuse.destroy();
        Verdict broken = Expect.transport(d.exchange());
        if (broken != null) {
            return broken;
        }
        InitOut again = judgeInit(fuse.init(), fuse.driver().initRequest());
        if (d.exchange().reply().isEmpty()) {
            Verdict read = readsFile(c);
            return read != null ? read : Verdict.nonStrict("DESTROY's chain came back with used.len "
                    + Integer.toUnsignedLong(d.exchange().completion().usedLen()) + " and no out header (Linux 6.1 "
                    + "ignores DESTROY's answer; the request format has one); INIT then answered 7." + again.minor()
                    + " and the new session serves");
        }
        String destroyed = d.error() == 0 ? "DESTROY answered OK" : "DESTROY answered " + Errno.describe(d.error())
                + " (the kernel ignores it)";
        return Expect.firstOf(readsFile(c), () -> Verdict.pass(destroyed + "; INIT then answered 7." + again.minor()
                + " and LOOKUP, OPEN and READ work"));
    }

    private static Verdict requestAfterDestroy(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        Verdict broken = Expect.transport(fuse.destroy().exchange());
        if (broken != null) {
            return broken;
        }
        FuseReply<AttrOut> after = fuse.getattr(1);
        Verdict v = Containment.ofExchange(after.exchange());
        if (!c.daemonAlive()) {
            return new Verdict.Crash(c.session().death().orElse("died"));
        }
        if (v.kind() == Verdict.Kind.BREACH) {
            return v;
        }
        judgeInit(fuse.init(), fuse.driver().initRequest());
        return Serving.hardening(c, v.kind() == Verdict.Kind.NON_STRICT && after.error() == 0
                ? Verdict.nonStrict("GETATTR after DESTROY was served; the session had ended: " + v.detail())
                : v);
    }

    private static Verdict ringRestartReinit(ScenarioContext c) throws Exception {
        FuseSession fuse = c.fuse();
        Steps.open(fuse, FILE, 0);
        c.session().frontend().stopRings();
        c.session().frontend().restartRings();
        FuseReply<InitOut> r = fuse.init();
        InitOut again = judgeInit(r, fuse.driver().initRequest());
        if (fuse.driver().name().equals("ovmf")) {
            Verdict ovmf = ovmfAccepts(again, r.exchange());
            if (ovmf != null) {
                return ovmf;
            }
        }
        return Expect.firstOf(readsFile(c), () -> Verdict.pass("rings restarted; the fresh INIT answered 7."
                + again.minor() + " and LOOKUP, OPEN and READ work"));
    }

    private static Verdict ringRestartResume(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.Handle h = Steps.open(fuse, FILE, 0);
        java.util.Map<Integer, Integer> bases = c.session().frontend().stopRings();
        c.session().frontend().restartRings();
        Steps.require(fuse.getattr(h.node()), "GETATTR of the node looked up before the pause");
        return Expect.firstOf(readsFrom(fuse, h.node(), h.fh()), () -> Verdict.pass("rings stopped at " + bases
                + " and restarted; the node id and file handle from before still serve GETATTR and READ"));
    }

    private static Verdict callRenew(ScenarioContext c) throws Exception {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        for (int i = 1; i <= 3; i++) {
            c.session().frontend().renewCallNotifiers();
            Steps.require(fuse.getattr(1), "GETATTR of the root after SET_VRING_CALL renewal " + i);
            Verdict read = readsFile(c);
            if (read != null) {
                return read;
            }
        }
        return Verdict.pass("three SET_VRING_CALL renewals; GETATTR, LOOKUP, OPEN and READ completed after each");
    }

}
