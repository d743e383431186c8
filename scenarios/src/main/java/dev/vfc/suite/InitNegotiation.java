package dev.vfc.suite;

import dev.vfc.driver.DriverProfile;
import dev.vfc.driver.ReplyArg;
import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.InitOut;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * FUSE_INIT at the minors real drivers speak (OVMF's 16-byte 7.31, Linux 5.4's 7.31, 7.36 and
 * 7.38 with INIT_EXT, a newer kernel's 7.40, an old 7.27 and a major 8), and a request before
 * INIT. The judges of an INIT reply ({@link #judgeInit}, {@link #ovmfAccepts}) serve the
 * lifecycle area too.
 */
public final class InitNegotiation {

    static final String NEGOTIATION = "include/uapi/linux/fuse.h (Linux 6.1) \"Version negotiation\": if the major "
            + "versions match both shall use the smaller minor; fuse_init_out is FUSE_COMPAT_22_INIT_OUT_SIZE (24) "
            + "bytes below 7.23 and the whole struct (64) from 7.23 on, as libfuse's do_init sizes it (fs/fuse/inode.c "
            + "fuse_send_init takes either: out_argvar)";
    /** Virtio-fs arrived in Linux 5.4 speaking FUSE 7.31: no virtio-fs driver sends less. */
    static final int FIRST_VIRTIO_FS_MINOR = 31;

    private InitNegotiation() {
    }

    public static List<Scenario> scenarios() {
        return initScenarios();
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
                .rule("edk2-stable202211 OvmfPkg/VirtioFsDxe/FuseInit.c VirtioFsFuseInitSession: OVMF refuses to "
                        + "bind on a reply below 7.31, without DO_READDIRPLUS or with max_write < 4096, and requires "
                        + "all 80 reply bytes; " + NEGOTIATION)
                .driver("ovmf")
                .check(InitNegotiation::initOvmf));
        all.add(Scenario.builder("init/major/8")
                .title("INIT at major 8 gets a reply carrying major 7, and a 7.38 INIT sent next opens the session")
                .rule("include/uapi/linux/fuse.h (Linux 6.1) \"Version negotiation\": if the kernel supports a larger "
                        + "major, userspace shall reply with the major version it supports, ignore the rest of the "
                        + "INIT message and expect a new INIT with a matching major")
                .check(InitNegotiation::initMajor8));
        all.add(Scenario.builder("init/before-init/getattr")
                .title("GETATTR of the root before any INIT gets an errno reply, and INIT afterwards still works")
                .rule("FUSE_INIT opens the session and fixes the minor that decides every reply's layout "
                        + "(include/uapi/linux/fuse.h, Linux 6.1); Linux 6.1 sends nothing else first: requests wait "
                        + "until the INIT reply has initialized the connection (fs/fuse/dev.c fuse_block_alloc, "
                        + "fs/fuse/inode.c fuse_send_init), and OVMF's first request is INIT (FuseInit.c). Hardening: "
                        + "an errno reply CONTAINED, serving it NON-STRICT; INIT must still work afterwards")
                .hardening()
                .check(Containment.guarded(InitNegotiation::beforeInit)));
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
        return Expect.firstOf(Serving.conformance(c), () -> Verdict.pass(describe(out, r.exchange(), in)));
    }

    /** After an EPROTO: the daemon must still be there and accept a current INIT. */
    private static Verdict servesAfterRefusal(ScenarioContext c) {
        if (!c.daemonAlive()) {
            return new Verdict.Crash(c.session().death().orElse("died"));
        }
        Steps.init(c.fuse());
        return Serving.conformance(c);
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
        return Expect.firstOf(Serving.conformance(c), () -> Verdict.pass(describe(out, r.exchange(), in)));
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
        return Expect.firstOf(Serving.conformance(c), () -> Verdict.pass("8.0 answered with " + out.major() + "."
                + out.minor() + "; the 7.38 INIT that followed got 7." + second.minor()));
    }

    private static Verdict beforeInit(ScenarioContext c) {
        FuseReply<AttrOut> early = c.fuse().getattr(1);
        Verdict v = Containment.ofExchange(early.exchange());
        if (!c.daemonAlive()) {
            return new Verdict.Crash(c.session().death().orElse("died"));
        }
        if (v.kind() != Verdict.Kind.BREACH) {
            Steps.init(c.fuse());
        }
        return Serving.hardening(c, v.kind() == Verdict.Kind.NON_STRICT && early.error() == 0
                ? Verdict.nonStrict("GETATTR before INIT was served, with no minor (and so no reply layout) agreed "
                        + "yet: " + v.detail())
                : v);
    }
}
