package dev.vfc.session;

import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOutHeader;
import java.util.Optional;

/**
 * A decoded reply: the out-header, the typed body when the daemon answered success with a
 * body of the right size, and the exchange it came from.
 */
public record FuseReply<T>(Optional<FuseOutHeader> header, Optional<T> body, Exchange exchange) {

    /** Success with a decodable body. */
    public boolean isOk() {
        return header.isPresent() && header.get().error() == 0 && body.isPresent();
    }

    /** The error field (0 or a negative errno); {@code Integer.MIN_VALUE} when no header came back. */
    public int error() {
        return header.map(FuseOutHeader::error).orElse(Integer.MIN_VALUE);
    }

    /** The body, or an {@link IllegalStateException} that shows the whole exchange. */
    public T value() {
        return body.orElseThrow(() -> new IllegalStateException("no " + "reply body: "
                + header.map(h -> Errno.describe(h.error())).orElse("no out header") + "\n  " + exchange.describe()));
    }
}
