package dev.vfc.suite;

import dev.vfc.fuse.Errno;
import dev.vfc.results.Verdict;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The conformance verdicts scenarios share, so every FAIL reads "expected X, got Y" and every
 * check holds replies to the transport rules first.
 *
 * <p>The transport rules and what binds them: used.len may not exceed the chain's writable
 * bytes (virtio 1.3 §2.7.8.2: "The device MUST write at least len bytes to descriptor, beginning
 * at the first device-writable buffer"); the used element names the chain's head (§2.7.8: "id
 * indicates the head entry of the descriptor chain"); and the reply is what a FUSE daemon writes
 * to /dev/fuse (§5.11.6.1: "dataout ... is identical to the data written to the /dev/fuse
 * device by a FUSE daemon"), where Linux 6.1 rejects a reply whose out.len differs from the bytes
 * written or whose unique names no request (fs/fuse/dev.c {@code fuse_dev_do_write}). Linux
 * 6.1's virtio transport itself does not check (fs/fuse/virtio_fs.c
 * {@code virtio_fs_request_complete}: "TODO verify that server properly follows FUSE protocol").
 *
 * <p>Hardening scenarios are graded by {@link Containment} instead.
 */
public final class Expect {

    /**
     * Why a request other than FORGET and BATCH_FORGET needs an out header: the request format
     * of virtio 1.3 §5.11.6.1, and what Linux 6.1 does without one.
     */
    static final String REPLY_RULE = "every request but FORGET and BATCH_FORGET is answered with a fuse_out_header "
            + "(virtio 1.3 §5.11.6.1: the device-writable part is struct fuse_out_header then dataout); Linux 6.1 "
            + "does not check, so a chain returned without one reads as success with a zeroed reply "
            + "(fs/fuse/virtio_fs.c virtio_fs_request_complete)";

    private Expect() {
    }

    /** A FAIL for the first transport rule the exchange breaks, if any. */
    public static Verdict transport(Exchange e) {
        List<String> anomalies = e.transportAnomalies();
        return anomalies.isEmpty() ? null : Verdict.fail("a well-formed reply", String.join("; ", anomalies));
    }

    /**
     * An error expected: PASS for {@code preferred}, NON-STRICT for any of {@code alsoAllowed}
     * (an outcome the rule permits but not the one it prefers), FAIL for anything else.
     */
    public static Verdict errno(FuseReply<?> reply, Errno preferred, Errno... alsoAllowed) {
        return errno(reply.exchange(), preferred, alsoAllowed);
    }

    /** As {@link #errno(FuseReply, Errno, Errno...)} for a hand-built exchange; no out header is FAIL. */
    public static Verdict errno(Exchange e, Errno preferred, Errno... alsoAllowed) {
        Verdict broken = transport(e);
        if (broken != null) {
            return broken;
        }
        if (e.reply().isEmpty()) {
            return Verdict.fail(preferred + " (" + REPLY_RULE + ")", "used.len "
                    + Integer.toUnsignedLong(e.completion().usedLen()) + " and no out header");
        }
        int error = e.reply().get().error();
        if (error == -preferred.number()) {
            return Verdict.pass(Errno.describe(error));
        }
        if (Arrays.stream(alsoAllowed).anyMatch(x -> error == -x.number())) {
            return Verdict.nonStrict("got " + Errno.describe(error) + ", allowed, but " + preferred
                    + " is the rule's answer");
        }
        return Verdict.fail(preferred.name(), Errno.describe(error));
    }

    /** {@code first} unless it is null, then {@code then}. */
    public static Verdict firstOf(Verdict first, Supplier<Verdict> then) {
        return first != null ? first : then.get();
    }
}
