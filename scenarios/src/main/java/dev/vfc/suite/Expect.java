package dev.vfc.suite;

import dev.vfc.fuse.Errno;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.Verdict;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import java.util.Arrays;
import java.util.List;

/**
 * The verdict shapes scenarios share, so every FAIL reads "expected X, got Y" and every check
 * holds replies to the transport rules first: out.len equals used.len, unique is echoed,
 * used.len fits the writable buffers (virtio 1.3 §2.7.8; Linux virtio_fs_verify_response).
 */
public final class Expect {

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
        Verdict broken = transport(reply.exchange());
        if (broken != null) {
            return broken;
        }
        int error = reply.error();
        if (error == -preferred.number()) {
            return Verdict.pass(Errno.describe(error));
        }
        if (Arrays.stream(alsoAllowed).anyMatch(e -> error == -e.number())) {
            return Verdict.nonStrict("got " + Errno.describe(error) + ", allowed, but " + preferred + " is the rule's answer");
        }
        return Verdict.fail(preferred.name(), Errno.describe(error));
    }

    /**
     * After a malformed request: the daemon must still be alive and serve a plain GETATTR of
     * the root. Returns null when it does.
     */
    public static Verdict stillServing(ScenarioContext context) {
        if (!context.daemonAlive()) {
            return new Verdict.Crash(context.session().death().orElse("died"));
        }
        FuseReply<?> r = context.fuse().getattr(1);
        if (!r.isOk()) {
            return Verdict.fail("GETATTR of the root to succeed afterwards", Errno.describe(r.error()));
        }
        return null;
    }

    /** {@code first} unless it is null, then {@code then}. */
    public static Verdict firstOf(Verdict first, java.util.function.Supplier<Verdict> then) {
        return first != null ? first : then.get();
    }
}
