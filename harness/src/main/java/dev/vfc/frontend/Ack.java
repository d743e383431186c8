package dev.vfc.frontend;

import java.time.Duration;

/**
 * What a daemon made of a message sent with NEED_REPLY. With REPLY_ACK negotiated the back-end
 * answers such a message with a u64, "zero for success, non-zero otherwise" (QEMU 7.2
 * docs/interop/vhost-user.rst, "REPLY_ACK"); a daemon may also say nothing, which the spec does
 * not allow but which a hostile frontend must be ready for.
 */
public sealed interface Ack {

    /** One phrase for a verdict's detail: "acked 0", "refused (status 1)", "no reply within 1000 ms". */
    String describe();

    /** Status 0: the daemon took the message. */
    record Accepted() implements Ack {
        public String describe() {
            return "acked 0";
        }
    }

    /** A non-zero status: the daemon refused the message and said so. */
    record Refused(long status) implements Ack {
        public String describe() {
            return "refused (REPLY_ACK status " + status + ")";
        }
    }

    /** No reply within the wait. */
    record Silent(Duration waited) implements Ack {
        public String describe() {
            return "no reply within " + waited.toMillis() + " ms";
        }
    }
}
