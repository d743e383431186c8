package dev.vfc.fuzzer;

import dev.vfc.frontend.DaemonFailure;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.results.Axis;
import dev.vfc.results.Verdict;
import dev.vfc.session.Exchange;
import java.util.Optional;

/**
 * The rules every reply to a fuzzed request must keep, whatever the request said, and the
 * grade of breaking each. Linux 6.1 checks none of the FUSE ones for virtio-fs
 * ({@code virtio_fs_request_complete} in fs/fuse/virtio_fs.c carries "TODO verify that server
 * properly follows FUSE protocol (oh.uniq, oh.len)"); {@code virtio_fs_verify_response}, added by
 * upstream commit 68b69fa0edb2 (2026), completes a reply with -EIO when it is shorter than an out
 * header or its {@code len} or {@code unique} do not match. The errno range is the one Linux 6.1
 * fs/fuse/dev.c {@code fuse_dev_do_write} enforces for /dev/fuse servers ({@link Errno#isValidErrorField}).
 */
public final class ReplyRules {

    public static final String USED_WITHIN_WRITABLE = "used.len within the chain's writable bytes (virtio 1.3 §2.7.8.2)";
    public static final String USED_ID_IS_HEAD = "used.id names the chain's head (virtio 1.3 §2.7.8)";
    public static final String WHOLE_OUT_HEADER = "a reply holds a whole out header (virtio_fs_verify_response)";
    public static final String OUT_LEN = "out.len equals used.len (virtio_fs_verify_response)";
    public static final String OUT_UNIQUE = "out.unique echoes the request's unique (virtio_fs_verify_response)";
    public static final String ERRNO = "out.error is 0 or a negated errno above -512 (Linux 6.1 fs/fuse/dev.c fuse_dev_do_write)";
    public static final String ERROR_ALONE = "an error reply is the out header alone (Linux 6.1 fs/fuse/dev.c fuse_dev_do_write)";
    public static final String ALIVE = "the daemon lives on after any request (virtio 1.3 §2.1.2: a device in error "
            + "sets DEVICE_NEEDS_RESET)";
    public static final String ANSWERS = "every chain comes back within the deadline";
    public static final String WORKERS = "no worker of the daemon dies while its process lives on";

    private ReplyRules() {
    }

    /** The first rule {@code e}'s reply to the request with {@code unique} breaks; empty when it keeps them all. */
    public static Optional<Violation> check(Exchange e, long unique) {
        long writable = e.layout().writableBytes();
        long used = Integer.toUnsignedLong(e.completion().usedLen());
        if (used > writable) {
            return breach(USED_WITHIN_WRITABLE, "used.len " + used + " with " + writable + " writable bytes");
        }
        if (e.completion().usedId() != e.completion().head()) {
            return breach(USED_ID_IS_HEAD, "used.id " + e.completion().usedId() + " for head " + e.completion().head());
        }
        if (used == 0) {
            return Optional.empty();
        }
        if (e.reply().isEmpty()) {
            return nonStrict(WHOLE_OUT_HEADER, "used.len " + used);
        }
        FuseOutHeader out = e.reply().get();
        if (Integer.toUnsignedLong(out.len()) != used) {
            return nonStrict(OUT_LEN, "out.len " + Integer.toUnsignedLong(out.len()) + ", used.len " + used);
        }
        if (out.unique() != unique) {
            return nonStrict(OUT_UNIQUE, "out.unique " + out.unique() + " for unique " + unique);
        }
        if (!Errno.isValidErrorField(out.error())) {
            return nonStrict(ERRNO, "out.error " + out.error());
        }
        if (out.error() != 0 && used != FuseOutHeader.SIZE) {
            return nonStrict(ERROR_ALONE, Errno.describe(out.error()) + " with used.len " + used);
        }
        return Optional.empty();
    }

    /** What the frontend's wait ended with, as a violation: a death FAIL-STOP, a silence or dead worker HANG. */
    public static Violation of(DaemonFailure failure) {
        if (failure instanceof DaemonFailure.Crashed) {
            return new Violation(ALIVE, Axis.HARDENING.grade(new Verdict.Crash(failure.getMessage())));
        }
        if (failure instanceof DaemonFailure.TimedOut) {
            return new Violation(ANSWERS, Axis.HARDENING.grade(new Verdict.Timeout(failure.getMessage())));
        }
        if (failure instanceof DaemonFailure.WorkerDied) {
            return new Violation(WORKERS, new Verdict.Hang(failure.getMessage()));
        }
        // Misbehaved: a vhost-user reply broke the spec, so the device cannot go on.
        return new Violation(ALIVE, new Verdict.FailStop(failure.getMessage()));
    }

    private static Optional<Violation> breach(String rule, String detail) {
        return Optional.of(new Violation(rule, new Verdict.Breach(detail)));
    }

    private static Optional<Violation> nonStrict(String rule, String detail) {
        return Optional.of(new Violation(rule, new Verdict.NonStrict(detail)));
    }
}
