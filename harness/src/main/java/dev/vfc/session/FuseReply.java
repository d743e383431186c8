package dev.vfc.session;

import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOutHeader;
import java.util.Optional;

/**
 * A decoded reply: the out-header, the typed body when the daemon answered success with a
 * body of the right size, and the exchange it came from.
 *
 * @param success whether the daemon answered success with everything the request's reply
 *     holds (for replies without a body, success alone)
 */
public record FuseReply<T>(Optional<FuseOutHeader> header, Optional<T> body, boolean success, Exchange exchange) {

    /** Success with a decodable body, or success for a request whose reply has none. */
    public boolean isOk() {
        return success;
    }

    /** The error field (0 or a negative errno); {@code Integer.MIN_VALUE} when no header came back. */
    public int error() {
        return header.map(FuseOutHeader::error).orElse(Integer.MIN_VALUE);
    }

    /**
     * The body ({@code null} for a successful reply without one), or an
     * {@link IllegalStateException} that shows the whole exchange.
     */
    public T value() {
        if (!success) {
            throw new IllegalStateException("no reply body: "
                    + header.map(h -> Errno.describe(h.error())).orElse("no out header") + "\n  " + exchange.describe());
        }
        return body.orElse(null);
    }
}
