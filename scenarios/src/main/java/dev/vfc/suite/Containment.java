package dev.vfc.suite;

import dev.vfc.frontend.Ack;
import dev.vfc.frontend.Completion;
import dev.vfc.frontend.DaemonFailure;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.VerdictReached;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The grade of a daemon's answer to a request that breaks a rule binding the driver (the
 * hardening axis, see {@link dev.vfc.results.Axis}). Nothing obliges a device to serve such a
 * request, and virtio 1.3 §2.1.2 lets it stop ("The device SHOULD set DEVICE_NEEDS_RESET when it
 * enters an error state that a reset is needed"), so no answer here is a FAIL:
 *
 * <ul>
 *   <li>BREACH: the used element claims more bytes than the chain's writable buffers hold (virtio
 *       1.3 §2.7.8.2: "The device MUST write at least len bytes to descriptor, beginning at the
 *       first device-writable buffer", impossible past them), or names a chain the driver did not
 *       make available (§2.7.8: "id indicates the head entry of the descriptor chain"; a driver
 *       would complete another request);
 *   <li>CONTAINED: an errno, or the chain handed back with nothing written (used.len 0);
 *   <li>NON-STRICT: the daemon served the request as if it were well-formed, or answered with a
 *       broken reply (a partial out header, an out.len or unique that does not match): contained,
 *       but it accepted what it should have refused.
 * </ul>
 *
 * Whether the daemon keeps serving afterwards is {@link Serving#hardening}'s part.
 */
public final class Containment {

    private Containment() {
    }

    /** The grade of the reply to a hostile request sent through the session. */
    public static Verdict ofExchange(Exchange e) {
        Verdict breach = breach(e.completion(), e.layout().writableBytes());
        if (breach != null) {
            return breach;
        }
        long used = Integer.toUnsignedLong(e.completion().usedLen());
        if (e.reply().isEmpty()) {
            return used == 0 ? Verdict.contained("chain returned with used.len 0 (nothing written)")
                    : Verdict.nonStrict("used.len " + used + " with no whole out header");
        }
        FuseOutHeader out = e.reply().get();
        String sloppy = e.transportAnomalies().isEmpty() ? "" : "; but " + String.join("; ", e.transportAnomalies());
        if (out.error() == 0) {
            return Verdict.nonStrict("served it as a well-formed request (OK, used.len " + used + ")" + sloppy);
        }
        String refused = "refused with " + Errno.describe(out.error());
        return sloppy.isEmpty() ? Verdict.contained(refused) : Verdict.nonStrict(refused + sloppy);
    }

    /** The grade of what came back for a chain built by hand ({@link dev.vfc.frontend.RawChain}). */
    public static Verdict ofCompletion(Completion done) {
        long writable = done.writable().stream().mapToLong(ByteBuffer::remaining).sum();
        Verdict breach = breach(done, writable);
        if (breach != null) {
            return breach;
        }
        long used = Integer.toUnsignedLong(done.usedLen());
        if (used == 0) {
            return Verdict.contained("chain returned with used.len 0 (nothing written)");
        }
        ByteBuffer bytes = done.usedBytes();
        if (bytes.remaining() < FuseOutHeader.SIZE) {
            return Verdict.nonStrict("used.len " + used + " with no whole out header");
        }
        FuseOutHeader out = FuseOutHeader.decode(bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        return out.error() == 0
                ? Verdict.nonStrict("served the chain as if it were well-formed (OK, used.len " + used + ")")
                : Verdict.contained("answered " + Errno.describe(out.error()) + " in the chain's writable buffer "
                        + "(used.len " + used + ")");
    }

    /**
     * The grade of a daemon's answer to a hostile vhost-user message, {@code what}: refused
     * CONTAINED; accepted, or no reply though REPLY_ACK was negotiated (QEMU 7.2
     * docs/interop/vhost-user.rst: with NEED_REPLY the back-end "MUST respond"), NON-STRICT.
     */
    public static Verdict ofAck(Ack ack, String what) {
        if (ack instanceof Ack.Refused) {
            return Verdict.contained(what + ": " + ack.describe());
        }
        return ack instanceof Ack.Accepted
                ? Verdict.nonStrict("accepted " + what + " (" + ack.describe() + ")")
                : Verdict.nonStrict(what + ": " + ack.describe() + ", though REPLY_ACK was negotiated");
    }

    /**
     * The transport of a reply, whatever it answered: BREACH as {@link #ofExchange} finds it,
     * NON-STRICT for an out header whose len or unique is wrong, null when it is well formed.
     */
    static Verdict transport(Exchange e) {
        Verdict breach = breach(e.completion(), e.layout().writableBytes());
        if (breach != null) {
            return breach;
        }
        return e.transportAnomalies().isEmpty() ? null
                : Verdict.nonStrict("malformed reply: " + String.join("; ", e.transportAnomalies()));
    }

    /**
     * One READ of {@code size} bytes at {@code offset} of a fixture file of {@code fileSize}
     * bytes: more data than size is a BREACH (FUSE as Linux 6.1 implements it never returns more
     * than the READ asked for, fs/fuse/file.c fuse_read_args_fill sets out_argvar), wrong bytes
     * NON-STRICT, an errno, nothing written or the file's bytes CONTAINED.
     */
    static Verdict ofRead(FuseReply<ByteBuffer> r, long fileSize, long offset, long size) {
        Verdict broken = transport(r.exchange());
        if (broken != null) {
            return broken;
        }
        if (r.exchange().reply().isEmpty()) {
            return Verdict.contained("chain returned with used.len "
                    + Integer.toUnsignedLong(r.exchange().completion().usedLen()) + " and no reply");
        }
        if (!r.isOk()) {
            return Verdict.contained("refused with " + Errno.describe(r.error()));
        }
        ByteBuffer data = r.value();
        if (data.remaining() > size) {
            return Verdict.breach(data.remaining() + " data bytes returned for a READ of " + size);
        }
        long expected = Math.max(0, Math.min(size, fileSize - offset));
        byte[] got = new byte[data.remaining()];
        data.duplicate().get(got);
        byte[] want = Arrays.copyOfRange(Fixtures.content(fileSize), (int) offset, (int) (offset + got.length));
        if (!Arrays.equals(got, want)) {
            return Verdict.nonStrict("served it, but " + got.length + " bytes that differ from the file's");
        }
        return Verdict.contained("served it: " + got.length + " of " + expected + " bytes, equal to the file's");
    }

    private static Verdict breach(Completion done, long writable) {
        if (done.usedId() != done.head()) {
            return Verdict.breach("used.id " + done.usedId() + " names a chain the driver did not make available "
                    + "(the head was " + done.head() + "): a driver would complete another request");
        }
        long used = Integer.toUnsignedLong(done.usedLen());
        if (used > writable) {
            return Verdict.breach("used.len " + used + " claims more than the " + writable + " bytes of the chain's "
                    + "writable buffers");
        }
        return null;
    }

    /**
     * A hardening check whose well-formed steps (INIT, LOOKUP, the probe reads) end the scenario
     * with a FAIL when they fail, as {@link Steps} does: on this axis that FAIL becomes NON-STRICT
     * (the daemon contained the hostile request but no longer does a legal thing it did before),
     * and a vhost-user reply that breaks the spec the same. The hostile request itself is graded
     * by the check; a FAIL never reaches the hardening scale.
     */
    public static Scenario.Check guarded(Scenario.Check check) {
        return c -> {
            try {
                Verdict v = check.run(c);
                return v.kind() == Verdict.Kind.FAIL ? legalStepFailed(v) : v;
            } catch (VerdictReached early) {
                return early.verdict().kind() == Verdict.Kind.FAIL ? legalStepFailed(early.verdict())
                        : early.verdict();
            } catch (DaemonFailure.Misbehaved m) {
                return Verdict.nonStrict("a vhost-user reply broke the spec: " + m.getMessage());
            }
        };
    }

    private static Verdict legalStepFailed(Verdict fail) {
        return Verdict.nonStrict("a well-formed request around the hostile one failed: " + fail.detail());
    }
}
