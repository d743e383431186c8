package dev.vfc.suite;

import dev.vfc.driver.ChainLayout;
import dev.vfc.driver.DriverProfile;
import dev.vfc.driver.FuseRequest;
import dev.vfc.driver.ReplyArg;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.InitOut;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.Verdict;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FUSE_INIT at the minors real drivers speak (OVMF's 16-byte 7.31, Linux 5.4's 7.31, 7.36 and
 * 7.38 with INIT_EXT, a newer kernel's 7.40, an old 7.27 and a major 8), requests before INIT,
 * and the session's life after it: a second INIT without DESTROY (a guest reboot, an OVMF
 * re-bind), DESTROY then INIT, the vhost-user rings stopped and started again (guest reset, VM
 * pause), SET_VRING_CALL renewed mid-session, and FORGET of nodes still or no longer in use.
 */
public final class Lifecycle {

    static final String FILE = "file.bin";
    static final int FILE_SIZE = 4096;
    static final String NEGOTIATION = "include/uapi/linux/fuse.h 7.38 \"Version negotiation\": if the major versions "
            + "match both shall use the smaller minor; fuse_init_out is FUSE_COMPAT_22_INIT_OUT_SIZE (24) bytes below "
            + "7.23 and the whole struct (64) from 7.23 on, as libfuse's do_init and fs/fuse/inode.c size it";
    /** Virtio-fs arrived in Linux 5.4 speaking FUSE 7.31: no virtio-fs driver sends less. */
    static final int FIRST_VIRTIO_FS_MINOR = 31;

    private Lifecycle() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(initScenarios());
        all.addAll(sessionScenarios());
        all.addAll(forgetScenarios());
        return all;
    }

    // ---- INIT ----------------------------------------------------------------------------

    private static List<Scenario> initScenarios() {
        List<Scenario> all = new ArrayList<>();
        for (int minor : new int[] {27, 31, 36, 38, 40}) {
            int body = minor >= 36 ? InitIn.SIZE : InitIn.SIZE_COMPAT;
            all.add(Scenario.builder("init/minor/7." + minor)
                    .title("INIT at FUSE 7." + minor + " with a " + body + "-byte body and the flags a Linux kernel "
                            + "of that minor offers is answered with a 7.x fuse_init_out of the size that minor gets")
                    .rule(NEGOTIATION + (minor < FIRST_VIRTIO_FS_MINOR ? "; a daemon may refuse a minor below 7.31 "
                            + "with EPROTO (NON-STRICT: no virtio-fs driver speaks it, as virtio-fs came with "
                            + "7.31 in Linux 5.4; serving it is what fuse.h asks)" : ""))
                    .check(c -> initAt(c, InitIn.of(7, minor, 128 * 1024, linuxFlagsAt(minor)), body)));
        }
        all.add(Scenario.builder("init/minor/7.31/ovmf")
                .title("INIT exactly as OVMF sends it (7.31, 16-byte body, only DO_READDIRPLUS) gets a 7.x reply "
                        + "(x >= 31) that echoes DO_READDIRPLUS, grants max_write >= 4096 and is a full 64-byte "
                        + "fuse_init_out")
                .rule("OvmfPkg/VirtioFsDxe/FuseInit.c (ovmf-virtiofsdxe.md §3.1, §7.2): OVMF refuses to bind on a "
                        + "reply below 7.31, without DO_READDIRPLUS or with max_write < 4096, and requires all 80 "
                        + "reply bytes; " + NEGOTIATION)
                .driver("ovmf")
                .check(Lifecycle::initOvmf));
        all.add(Scenario.builder("init/major/8")
                .title("INIT at major 8 gets a reply carrying major 7, and a 7.38 INIT sent next opens the session")
                .rule("include/uapi/linux/fuse.h 7.38 \"Version negotiation\": if the kernel supports a larger "
                        + "major, userspace shall reply with the major version it supports, ignore the rest of the "
                        + "INIT message and expect a new INIT with a matching major")
                .check(Lifecycle::initMajor8));
        all.add(Scenario.builder("init/before-init/getattr")
                .title("GETATTR of the root before any INIT gets an errno reply, and INIT afterwards still works")
                .rule("FUSE_INIT opens the session and fixes the minor that decides every reply's layout "
                        + "(include/uapi/linux/fuse.h 7.38); libfuse and the C virtiofsd (fuse_lowlevel.c) answer "
                        + "any other opcode before it with EIO. An errno reply is PASS, serving it is NON-STRICT, "
                        + "dying is CRASH")
                .check(Lifecycle::beforeInit));
        return all;
    }

    /**
     * The INIT flags a Linux kernel speaking {@code minor} offers on a virtio-fs mount: this
     * machine's 7.38 set without the flags that minor did not know yet (fuse.h changelog).
     */
    static long linuxFlagsAt(int minor) {
        long all = DriverProfile.byName("linux").initRequest().allFlags();
        int bits;
        if (minor < 28) {
            bits = 22; // through ABORT_ERROR (7.27)
        } else if (minor < 29) {
            bits = 24; // MAX_PAGES, CACHE_SYMLINKS (7.28)
        } else if (minor < 30) {
            bits = 25; // NO_OPENDIR_SUPPORT (7.29)
        } else if (minor < 31) {
            bits = 26; // EXPLICIT_INVAL_DATA (7.30)
        } else if (minor < 32) {
            bits = 27; // MAP_ALIGNMENT (7.31)
        } else if (minor < 33) {
            bits = 28; // SUBMOUNTS (7.32)
        } else if (minor < 36) {
            bits = 30; // HANDLE_KILLPRIV_V2, SETXATTR_EXT (7.33)
        } else {
            return all; // INIT_EXT, flags2, SECURITY_CTX (7.36)
        }
        return all & ((1L << bits) - 1);
    }

    /** INIT with {@code in} ({@code bodySize} bytes), judged by {@link #judgeInit}, then the session must serve. */
    static Verdict initAt(ScenarioContext c, InitIn in, int bodySize) {
        FuseReply<InitOut> r = c.fuse().init(in, bodySize);
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (!r.isOk() && in.minor() < FIRST_VIRTIO_FS_MINOR && r.error() == -Errno.EPROTO.number()) {
            return Expect.firstOf(servesAfterRefusal(c), () -> Verdict.nonStrict("refused 7." + in.minor()
                    + " with EPROTO; allowed, as no virtio-fs driver speaks below 7.31, but fuse.h prefers serving "
                    + "the smaller minor"));
        }
        InitOut out = judgeInit(r, in);
        return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass(describe(out, r.exchange(), in)));
    }

    /** After an EPROTO: the daemon must still be there and accept a current INIT. */
    private static Verdict servesAfterRefusal(ScenarioContext c) {
        if (!c.daemonAlive()) {
            return new Verdict.Crash(c.session().death().orElse("died"));
        }
        Steps.init(c.fuse());
        return Expect.stillServing(c);
    }

    /**
     * The reply to an INIT the daemon should accept: success, major 7, and as many body bytes
     * as the negotiated minor gets. Ends the scenario with FAIL otherwise.
     */
    static InitOut judgeInit(FuseReply<InitOut> r, InitIn in) {
        InitOut out = Steps.require(r, "INIT 7." + in.minor());
        if (out.major() != 7) {
            throw new VerdictReached(Verdict.fail("major 7 in the reply", "major " + out.major()));
        }
        int negotiated = Math.min(in.minor(), out.minor());
        long body = Integer.toUnsignedLong(r.exchange().completion().usedLen()) - FuseOutHeader.SIZE;
        int want = InitOut.replySize(negotiated);
        if (body != want) {
            throw new VerdictReached(Verdict.fail("a " + want + "-byte fuse_init_out (7." + negotiated + ")",
                    body + " bytes"));
        }
        return out;
    }

    private static String describe(InitOut out, Exchange e, InitIn in) {
        long extra = out.allFlags() & ~in.allFlags();
        return "7." + out.minor() + ", " + (Integer.toUnsignedLong(e.completion().usedLen()) - FuseOutHeader.SIZE)
                + "-byte fuse_init_out, max_write " + Integer.toUnsignedString(out.maxWrite())
                + (extra == 0 ? "" : "; also granted flags the driver did not offer: " + FuseInitFlags.describe(extra));
    }

    private static Verdict initOvmf(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        InitIn in = fuse.driver().initRequest();
        FuseReply<InitOut> r = fuse.init();
        InitOut out = judgeInit(r, in);
        Verdict ovmf = ovmfAccepts(out, r.exchange());
        if (ovmf != null) {
            return ovmf;
        }
        return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass(describe(out, r.exchange(), in)));
    }

    /** OVMF's own acceptance test of an INIT reply (FuseInit.c), or null when it binds. */
    static Verdict ovmfAccepts(InitOut out, Exchange e) {
        long body = Integer.toUnsignedLong(e.completion().usedLen()) - FuseOutHeader.SIZE;
        if (out.major() != 7 || out.minor() < 31) {
            return Verdict.fail("7.31 or later (OVMF's minimum)", out.major() + "." + out.minor());
        }
        if ((out.allFlags() & FuseInitFlags.DO_READDIRPLUS) == 0) {
            return Verdict.fail("DO_READDIRPLUS echoed (OVMF only reads directories with READDIRPLUS)",
                    "flags " + FuseInitFlags.describe(out.allFlags()));
        }
        if (Integer.toUnsignedLong(out.maxWrite()) < 4096) {
            return Verdict.fail("max_write >= 4096", "max_write " + Integer.toUnsignedString(out.maxWrite()));
        }
        if (body != InitOut.SIZE) {
            return Verdict.fail("a full 64-byte fuse_init_out", body + " bytes");
        }
        return null;
    }

    private static Verdict initMajor8(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        InitIn in = InitIn.of(8, 0, 128 * 1024, 0);
        ByteBuffer body = ByteBuffer.allocate(InitIn.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        in.encodeTo(body, InitIn.SIZE);
        // Linux sizes the INIT reply buffer as its whole fuse_init_out (out_argvar), whatever it offers.
        FuseReply<InitOut> r = fuse.call(FuseOpcode.INIT, 0, List.of(body.flip()), false,
                List.of(ReplyArg.fixed(InitOut.SIZE)), b -> InitOut.decode(b, Math.min(InitOut.SIZE, b.remaining())),
                in.toString());
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (!r.isOk()) {
            return Expect.firstOf(servesAfterRefusal(c), () -> Verdict.fail("a reply carrying major 7",
                    Errno.describe(r.error())));
        }
        InitOut out = r.value();
        if (out.major() != 7) {
            return Verdict.fail("major 7 (the daemon's) in the reply", "major " + out.major());
        }
        InitOut second = judgeInit(fuse.init(), fuse.driver().initRequest());
        return Expect.firstOf(Expect.stillServing(c), () -> Verdict.pass("8.0 answered with " + out.major() + "."
                + out.minor() + "; the 7.38 INIT that followed got 7." + second.minor()));
    }

    private static Verdict beforeInit(ScenarioContext c) {
        FuseReply<AttrOut> early = c.fuse().getattr(1);
        Verdict broken = Expect.transport(early.exchange());
        if (broken != null) {
            return broken;
        }
        if (!c.daemonAlive()) {
            return new Verdict.Crash(c.session().death().orElse("died"));
        }
        Steps.init(c.fuse());
        Verdict after = Expect.stillServing(c);
        if (after != null) {
            return after;
        }
        if (early.error() == 0) {
            return Verdict.nonStrict("GETATTR before INIT was served; libfuse and the C virtiofsd answer EIO, as no "
                    + "minor (and so no reply layout) is agreed yet");
        }
        return Verdict.pass("GETATTR before INIT answered " + Errno.describe(early.error())
                + "; INIT then opened the session");
    }

    // ---- session: INIT again, DESTROY, ring stop and restart, call notifiers ---------------

    private static List<Scenario> sessionScenarios() {
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("lifecycle/init-twice")
                .title("A second INIT without DESTROY (a guest that rebooted) is answered and the new session serves "
                        + "LOOKUP and READ")
                .rule("ovmf-virtiofsdxe.md §7.8 and reference/daemons.md §2.3: after a guest reset the driver sends a "
                        + "fresh FUSE_INIT without DESTROY (virtiofsd issues #163/#166); the daemon must start a new "
                        + "session, as the C virtiofsd does on virtio (destroy, then init)")
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
                .rule("ovmf-virtiofsdxe.md §7.8: OVMF never sends DESTROY; a re-bind or the OS after "
                        + "ExitBootServices sends a new FUSE_INIT restarting at unique 1, which the daemon must take "
                        + "as a new session; OVMF's acceptance rules for the reply (FuseInit.c, §3.1)")
                .driver("ovmf")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::ovmfRebind));
        all.add(Scenario.builder("lifecycle/destroy/then-init")
                .title("DESTROY is answered, and an INIT after it opens a new session that serves LOOKUP and READ")
                .rule("include/uapi/linux/fuse.h 7.38: FUSE_DESTROY ends the session and the kernel waits for its "
                        + "reply (fs/fuse/inode.c fuse_send_destroy); a later FUSE_INIT starts a new one, as after a "
                        + "remount on the same device (reference/daemons.md §2.3)")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::destroyThenInit));
        all.add(Scenario.builder("lifecycle/destroy/request-after")
                .title("A GETATTR after DESTROY and before a new INIT gets an errno reply, and INIT then works")
                .rule("FUSE_DESTROY ends the session (include/uapi/linux/fuse.h 7.38); until the next FUSE_INIT "
                        + "there is no agreed minor, and libfuse-derived daemons answer EIO as before the first "
                        + "INIT. An errno is PASS, serving it NON-STRICT, dying CRASH")
                .check(Lifecycle::requestAfterDestroy));
        for (String driver : List.of("linux", "ovmf")) {
            all.add(Scenario.builder("lifecycle/ring-restart/reinit/" + driver)
                    .title("Rings stopped (SET_VRING_ENABLE 0, GET_VRING_BASE) and started again as QEMU 7.2 does "
                            + "on a guest reset, then a fresh INIT from the " + driver + " driver: the new session "
                            + "serves LOOKUP, OPEN and READ")
                    .rule("vhost-user spec \"Ring states\" (GET_VRING_BASE stops a ring, SET_VRING_BASE/KICK start it "
                            + "again from the saved index) and QEMU 7.2 vhost_dev_stop/vhost_dev_start "
                            + "(reference/daemons.md §2.3 \"Guest reset or shutdown\"): after a DRIVER_OK the guest "
                            + "sends a fresh FUSE_INIT without DESTROY")
                    .driver(driver)
                    .fixture(Fixtures.file(FILE, FILE_SIZE))
                    .check(Lifecycle::ringRestartReinit));
        }
        all.add(Scenario.builder("lifecycle/ring-restart/resume")
                .title("Rings stopped and started again without a new INIT (a VM paused and resumed): the open file "
                        + "handle and node ids of the running session still work")
                .rule("QEMU 7.2 vuf_set_status stops the vhost device when the VM stops and starts it when it runs "
                        + "again (vhost_dev_stop/vhost_dev_start, reference/daemons.md §2.3); the guest driver is not "
                        + "told, so its FUSE session continues; vhost-user spec \"Ring states\": a ring restarts from "
                        + "the index GET_VRING_BASE returned")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::ringRestartResume));
        all.add(Scenario.builder("lifecycle/call-renew")
                .title("SET_VRING_CALL sent again with a fresh eventfd three times mid-session (MSI-X mask and "
                        + "unmask): every request after each renewal completes")
                .rule("QEMU 7.2 re-sends SET_VRING_CALL whenever the guest masks or unmasks an MSI-X vector "
                        + "(vhost_virtqueue_mask, reference/daemons.md §2.3): a backend must accept repeated "
                        + "SET_VRING_CALL and signal the newest eventfd (vhost-user spec, VHOST_USER_SET_VRING_CALL)")
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

    private static Verdict readsFrom(FuseSession fuse, long node, long fh) {
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
            return Verdict.fail("an out header in reply to DESTROY (it is no FORGET: fuse_send_destroy waits for "
                    + "the answer)", "used.len " + Integer.toUnsignedLong(d.exchange().completion().usedLen())
                    + " and no out header (Linux takes that as EIO); INIT after it then answered 7." + again.minor()
                    + (read == null ? " and the new session serves" : " but " + read.detail()));
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
        broken = Expect.transport(after.exchange());
        if (broken != null) {
            return broken;
        }
        if (!c.daemonAlive()) {
            return new Verdict.Crash(c.session().death().orElse("died"));
        }
        judgeInit(fuse.init(), fuse.driver().initRequest());
        Verdict serving = Expect.stillServing(c);
        if (serving != null) {
            return serving;
        }
        if (after.error() == 0) {
            return Verdict.nonStrict("GETATTR after DESTROY was served; the session had ended (libfuse-derived "
                    + "daemons answer EIO until the next INIT)");
        }
        return Verdict.pass("GETATTR after DESTROY answered " + Errno.describe(after.error())
                + "; INIT then opened a new session");
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

    // ---- FORGET ------------------------------------------------------------------------

    private static List<Scenario> forgetScenarios() {
        String forgetRule = "include/uapi/linux/fuse.h 7.38 FUSE_FORGET and libfuse fuse_lowlevel.h (forget): every "
                + "LOOKUP reply that carries a nodeid counts one lookup; FORGET subtracts nlookup and only at zero "
                + "may the daemon drop the node";
        List<Scenario> all = new ArrayList<>();
        all.add(Scenario.builder("lifecycle/forget/then-getattr")
                .title("GETATTR of a node after FORGET took its lookup count to zero gets an errno or that same file's "
                        + "attributes, never another file's; a new LOOKUP then works")
                .rule(forgetRule + "; a node used after it was forgotten is a guest bug the daemon must survive "
                        + "(errno or the still-known node are both PASS)")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::forgetThenGetattr));
        all.add(Scenario.builder("lifecycle/forget/partial")
                .title("After two LOOKUPs of a file and a FORGET of one (OVMF's pattern, FORGET on the request "
                        + "queue), the node still serves GETATTR, OPEN and READ")
                .rule(forgetRule + "; OVMF sends FORGET on request queue 1 and waits for the chain to come back "
                        + "(ovmf-virtiofsdxe.md §7.3)")
                .driver("ovmf")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::forgetPartial));
        all.add(Scenario.builder("lifecycle/forget/root")
                .title("A FORGET of the root (nodeid 1, which no driver sends) leaves the root serving GETATTR and "
                        + "LOOKUP")
                .rule("include/uapi/linux/fuse.h 7.38: FUSE_ROOT_ID is 1 for the whole session and the root is never "
                        + "looked up, so it has no lookup count to forget (Linux and OVMF never FORGET it); a hostile "
                        + "FORGET must not take the share away")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::forgetRoot));
        all.add(Scenario.builder("lifecycle/forget/excess")
                .title("FORGET with nlookup 1000 of a node looked up once: the daemon keeps serving, and a new LOOKUP "
                        + "of the file works")
                .rule(forgetRule + "; an nlookup beyond the count is a guest bug that must not underflow into a "
                        + "crash")
                .fixture(Fixtures.file(FILE, FILE_SIZE))
                .check(Lifecycle::forgetExcess));
        return all;
    }

    /** Sends FORGET and requires the chain back (used.len 0 is right: FORGET has no reply). */
    private static void forget(FuseSession fuse, long node, long nlookup) {
        Exchange e = fuse.forget(node, nlookup);
        Verdict broken = Expect.transport(e);
        if (broken != null) {
            throw new VerdictReached(broken);
        }
    }

    private static Verdict forgetThenGetattr(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        EntryOut first = Steps.entry(fuse, 1, FILE);
        forget(fuse, first.nodeid(), 1);
        FuseReply<AttrOut> r = fuse.getattr(first.nodeid());
        Verdict broken = Expect.transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (r.isOk() && r.value().attr().ino() != first.attr().ino()) {
            return Verdict.fail("an errno or the forgotten file's attributes (ino " + first.attr().ino() + ")",
                    "the attributes of ino " + r.value().attr().ino());
        }
        Verdict serving = Expect.stillServing(c);
        if (serving != null) {
            return serving;
        }
        EntryOut again = Steps.entry(fuse, 1, FILE);
        if (again.attr().ino() != first.attr().ino()) {
            return Verdict.fail("the new LOOKUP to give ino " + first.attr().ino(), "ino " + again.attr().ino());
        }
        return Verdict.pass("GETATTR of the forgotten node: " + (r.isOk() ? "still served for the same file"
                : Errno.describe(r.error())) + "; a new LOOKUP works");
    }

    private static Verdict forgetPartial(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, FILE);
        long second = Steps.lookup(fuse, 1, FILE);
        if (second != node) {
            return Verdict.fail("the same nodeid for the same file while it is looked up", node + " then " + second);
        }
        forget(fuse, node, 1);
        Steps.require(fuse.getattr(node), "GETATTR of a node with one lookup left");
        long fh = Steps.require(fuse.open(node, 0), "OPEN of a node with one lookup left").fh();
        return Expect.firstOf(readsFrom(fuse, node, fh), () -> Verdict.pass("after FORGET 1 of 2 lookups the node "
                + "still serves GETATTR, OPEN and READ"));
    }

    private static Verdict forgetRoot(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        forget(fuse, 1, 1);
        Verdict serving = Expect.stillServing(c);
        if (serving != null) {
            return serving;
        }
        Steps.lookup(fuse, 1, FILE);
        return Verdict.pass("the root still serves GETATTR and LOOKUP after a FORGET of it");
    }

    private static Verdict forgetExcess(ScenarioContext c) {
        FuseSession fuse = c.fuse();
        Steps.init(fuse);
        long node = Steps.lookup(fuse, 1, FILE);
        forget(fuse, node, 1000);
        Verdict serving = Expect.stillServing(c);
        if (serving != null) {
            return serving;
        }
        return Expect.firstOf(readsFile(c), () -> Verdict.pass("FORGET 1000 of a node looked up once was survived; "
                + "a new LOOKUP, OPEN and READ work"));
    }
}
