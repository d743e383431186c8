package dev.vfc.vhostuser;

/**
 * A vhost-user message whose bytes do not fit the layout its request code demands.
 *
 * <p>Both real daemons are fail-stop on such a message (they drop the connection and exit),
 * so the codec never guesses: a payload of the wrong size, a memory table with more regions
 * than the spec allows, or reserved bits in a vring-file word are refused whole.
 */
public final class VhostUserProtocolException extends RuntimeException {

    public VhostUserProtocolException(String message) {
        super(message);
    }

    static VhostUserProtocolException wrongSize(Object request, boolean isReply, String expected, int actual) {
        return new VhostUserProtocolException(String.format(
                "%s %s: payload size %d, expected %s", request, isReply ? "reply" : "request", actual, expected));
    }
}
