package dev.vfc.results;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which kind of request a scenario sends, and so which scale its verdict is on.
 *
 * <p>A {@linkplain #CONFORMANCE conformance} scenario sends only what a conforming driver may
 * send: a FAIL there means a rule that binds the device or the FUSE server was broken, and a
 * CRASH or TIMEOUT means the daemon died or hung on legal input. A {@linkplain #HARDENING
 * hardening} scenario breaks a rule that binds the <em>driver</em> (a descriptor loop, an
 * address outside guest memory, a truncated header, a chain longer than the queue, a name with
 * {@code /}): virtio 1.3 §2.1.2 lets a device that meets such input stop ("the device SHOULD
 * set DEVICE_NEEDS_RESET"), so dying is not a conformance failure. Its grade says how the daemon
 * reacted instead, worst first: BREACH, HANG, FAIL-STOP, NON-STRICT, CONTAINED.
 */
public enum Axis {
    CONFORMANCE(EnumSet.of(Verdict.Kind.PASS, Verdict.Kind.NON_STRICT, Verdict.Kind.FAIL, Verdict.Kind.UNSUPPORTED,
            Verdict.Kind.CRASH, Verdict.Kind.TIMEOUT, Verdict.Kind.SKIPPED)),
    HARDENING(EnumSet.of(Verdict.Kind.CONTAINED, Verdict.Kind.NON_STRICT, Verdict.Kind.FAIL_STOP, Verdict.Kind.HANG,
            Verdict.Kind.BREACH, Verdict.Kind.SKIPPED));

    private final Set<Verdict.Kind> scale;

    Axis(Set<Verdict.Kind> scale) {
        this.scale = scale;
    }

    /** {@code conformance} or {@code hardening}, as results files, baselines and reports spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Axis parse(String label) {
        for (Axis a : values()) {
            if (a.label().equals(label.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown axis '" + label + "' (known: conformance, hardening)");
    }

    /** The verdicts a scenario on this axis can get. */
    public Set<Verdict.Kind> scale() {
        return EnumSet.copyOf(scale);
    }

    public boolean allows(Verdict.Kind kind) {
        return scale.contains(kind);
    }

    /**
     * Puts what happened on this axis's scale. On the hardening axis the daemon's death is a
     * FAIL-STOP and its silence a HANG; an answer the check accepted (PASS, or ENOSYS) means the
     * hostile request was contained. A check on the hardening axis never returns FAIL and one on
     * the conformance axis never returns a hardening grade: that would be a harness bug, so it
     * throws rather than publish a verdict no rule backs.
     *
     * @throws IllegalStateException for a verdict this axis has no place for
     */
    public Verdict grade(Verdict verdict) {
        if (allows(verdict.kind())) {
            return verdict;
        }
        if (this == HARDENING) {
            return switch (verdict.kind()) {
                case PASS -> Verdict.contained(verdict.detail());
                case UNSUPPORTED -> Verdict.contained("refused as unsupported: " + verdict.detail());
                case CRASH -> Verdict.failStop(verdict.detail());
                case TIMEOUT -> Verdict.hang(verdict.detail());
                default -> throw new IllegalStateException("a hardening check graded " + verdict.kind().label()
                        + " (" + verdict.detail() + "); it grades BREACH, HANG, FAIL-STOP, NON-STRICT or CONTAINED");
            };
        }
        throw new IllegalStateException("a conformance check graded " + verdict.kind().label() + " ("
                + verdict.detail() + "); hardening grades belong to hardening scenarios");
    }
}
