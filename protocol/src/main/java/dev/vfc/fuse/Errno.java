package dev.vfc.fuse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Linux errno numbers (x86-64 and arm64 share them) that a FUSE daemon answers with.
 * A reply carries the negated number in fuse_out_header.error.
 */
public enum Errno {
    EPERM(1),
    ENOENT(2),
    ESRCH(3),
    EINTR(4),
    EIO(5),
    ENXIO(6),
    E2BIG(7),
    EBADF(9),
    EAGAIN(11),
    ENOMEM(12),
    EACCES(13),
    EFAULT(14),
    EBUSY(16),
    EEXIST(17),
    EXDEV(18),
    ENODEV(19),
    ENOTDIR(20),
    EISDIR(21),
    EINVAL(22),
    ENFILE(23),
    EMFILE(24),
    ENOTTY(25),
    ETXTBSY(26),
    EFBIG(27),
    ENOSPC(28),
    ESPIPE(29),
    EROFS(30),
    EMLINK(31),
    EPIPE(32),
    ERANGE(34),
    EDEADLK(35),
    ENAMETOOLONG(36),
    ENOLCK(37),
    ENOSYS(38),
    ENOTEMPTY(39),
    ELOOP(40),
    ENODATA(61),
    EPROTO(71),
    EBADMSG(74),
    EOVERFLOW(75),
    EILSEQ(84),
    EOPNOTSUPP(95),
    ECONNABORTED(103),
    ENOTCONN(107),
    ETIMEDOUT(110),
    ESTALE(116),
    EDQUOT(122),
    ECANCELED(125);

    /**
     * The kernel (fs/fuse/dev.c) rejects a reply whose error is positive or at most -512,
     * so only -511..0 can reach the caller.
     */
    public static final int MIN_VALID_ERROR_FIELD = -511;

    private static final Map<Integer, Errno> BY_NUMBER = new HashMap<>();

    static {
        for (Errno e : values()) {
            BY_NUMBER.put(e.number, e);
        }
    }

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive errno value. */
    public int number() {
        return number;
    }

    /** The value to put in fuse_out_header.error: the negated number. */
    public int errorField() {
        return -number;
    }

    public static Optional<Errno> of(int number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }

    /** Whether the kernel would accept this fuse_out_header.error value. */
    public static boolean isValidErrorField(int errorField) {
        return errorField <= 0 && errorField >= MIN_VALID_ERROR_FIELD;
    }

    /**
     * Renders a fuse_out_header.error for humans: {@code OK} for 0, {@code ENOMEM(-12)},
     * {@code ERRNO(-999)} for an unknown number, and {@code INVALID(5)} for a positive value,
     * which no correct daemon sends.
     */
    public static String describe(int errorField) {
        if (errorField == 0) {
            return "OK";
        }
        if (errorField > 0) {
            return "INVALID(" + errorField + ")";
        }
        String name = errorField == Integer.MIN_VALUE ? null
                : of(-errorField).map(Enum::name).orElse(null);
        return (name == null ? "ERRNO" : name) + "(" + errorField + ")";
    }
}
