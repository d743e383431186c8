package dev.vfc.suite;

import dev.vfc.fuse.Errno;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.Verdict;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How the sizing and large-read hardening scenarios grade a daemon's answer to a request that
 * breaks a rule binding the driver. They never return FAIL (the hardening axis has none): a
 * daemon that claims more bytes than the chain's writable buffers hold, or returns more data
 * than the request asked for, is a BREACH; one that accepts what it should refuse is
 * NON-STRICT; an errno, a used chain with nothing written, or a right answer is CONTAINED.
 * Death and silence are graded by the runner (FAIL-STOP, HANG).
 */
final class HardeningGrades {

    private HardeningGrades() {
    }

    /**
     * BREACH when used.len claims more than the writable buffers hold (virtio 1.3 §2.7.8: used.len
     * is the number of bytes written into them); NON-STRICT for an out-header whose len or unique
     * is wrong; null when the exchange is well formed.
     */
    static Verdict transport(Exchange e) {
        long used = Integer.toUnsignedLong(e.completion().usedLen());
        long writable = e.layout().writableBytes();
        if (used > writable) {
            return Verdict.breach("used.len " + used + " claims more than the " + writable + " writable bytes");
        }
        return e.transportAnomalies().isEmpty() ? null
                : Verdict.nonStrict("malformed reply: " + String.join("; ", e.transportAnomalies()));
    }

    /**
     * One READ of {@code size} bytes at {@code offset} of a fixture file of {@code fileSize} bytes:
     * more data than size is a BREACH, wrong bytes NON-STRICT, an errno or the right bytes CONTAINED.
     */
    static Verdict read(FuseReply<ByteBuffer> r, long fileSize, long offset, long size) {
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

    /**
     * After the hostile request: a daemon that died is left to the runner (FAIL-STOP); one that
     * lives but no longer answers GETATTR of the root stopped serving (FAIL-STOP); otherwise
     * {@code verdict} stands.
     */
    static Verdict afterwards(ScenarioContext c, Verdict verdict) {
        Verdict alive = Expect.stillServing(c);
        if (alive == null) {
            return verdict;
        }
        if (alive instanceof Verdict.Fail) {
            return Verdict.failStop("stopped serving: " + alive.detail() + " (the request itself: "
                    + verdict.kind().label() + " " + verdict.detail() + ")");
        }
        return alive;
    }
}
