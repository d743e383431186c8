package dev.vfc.frontend;

import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.VhostUserCodec;
import dev.vfc.vhostuser.VhostUserHeader;
import dev.vfc.vhostuser.VhostUserMessage;
import dev.vfc.vhostuser.VhostUserProtocolException;
import dev.vfc.vhostuser.VhostUserSocket;
import dev.vfc.vhostuser.VhostUserPayload;
import dev.vfc.vhostuser.VhostUserRequest;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.util.Objects;
import org.awaitility.core.ConditionTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The frontend's end of the vhost-user socket: sends requests with their fds, reads replies
 * with a deadline, and holds the daemon to the reply rules of the vhost-user spec ("Message
 * types" and "Communication"): flags exactly VERSION|REPLY (0x5, as QEMU's
 * {@code vhost_user_read_header} insists) and the request code echoed.
 */
final class VhostUserLink implements AutoCloseable {

    private static final Duration SLICE = Duration.ofMillis(100);

    private final VhostUserSocket socket;
    private final DaemonWatch watch;
    private final Duration timeout;
    /** A hostile message went unanswered: its reply may still come, ahead of the next one. */
    private boolean replyMayBeLate;

    VhostUserLink(UnixSocket socket, DaemonWatch watch, Duration timeout) {
        this.socket = new VhostUserSocket(socket);
        this.watch = watch;
        this.timeout = timeout;
    }

    /** Sends a request that has no reply. */
    void send(VhostUserRequest request, VhostUserPayload payload, int... fds) {
        write(request, VhostUserHeader.VERSION, payload, fds);
    }

    /** Sends a GET_* request and returns its reply payload. */
    VhostUserPayload call(VhostUserRequest request, VhostUserPayload payload) {
        write(request, VhostUserHeader.VERSION, payload);
        return read(request);
    }

    /**
     * Sends a request with NEED_REPLY (REPLY_ACK negotiated) and returns the daemon's u64
     * status: 0 for success, anything else for failure.
     */
    long sendAcked(VhostUserRequest request, VhostUserPayload payload, int... fds) {
        write(request, VhostUserHeader.VERSION | VhostUserHeader.NEED_REPLY, payload, fds);
        VhostUserPayload ack = read(request);
        if (ack instanceof VhostUserPayload.U64 status) {
            return status.value();
        }
        throw new DaemonFailure.Misbehaved("REPLY_ACK to " + request + " is not a u64: " + ack);
    }

    /**
     * Sends {@code payload} as the payload of request {@code code} (any u32, a size the request
     * does not have, fds it does not carry) with NEED_REPLY, and waits up to {@code wait} for the
     * daemon's u64 answer. A reply that does not come in time is discarded when it comes later.
     */
    Ack sendHostile(int code, VhostUserPayload payload, Duration wait, int... fds) {
        String what = "request " + VhostUserHeader.describeRequest(code);
        sendEncoded(VhostUserCodec.encode(new VhostUserHeader(code, VhostUserHeader.VERSION
                | VhostUserHeader.NEED_REPLY, payload.size()), payload), what, fds);
        if (!awaitReply(what, wait, false)) {
            replyMayBeLate = true;
            return new Ack.Silent(wait);
        }
        VhostUserSocket.Frame reply = receiveFrame(what);
        FileDescriptors.closeQuietly(reply.fds());
        VhostUserHeader header = reply.header();
        if (header.request() != code || header.size() != VhostUserPayload.U64.SIZE) {
            throw new DaemonFailure.Misbehaved("reply to " + what + " is " + header + ", not a u64 ack");
        }
        long status = reply.payload().order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
        return status == 0 ? new Ack.Accepted() : new Ack.Refused(status);
    }

    private void write(VhostUserRequest request, int flags, VhostUserPayload payload, int... fds) {
        sendEncoded(VhostUserCodec.encode(request, flags, payload), request.toString(), fds);
    }

    private void sendEncoded(ByteBuffer message, String what, int... fds) {
        discardLateReplies();
        try {
            socket.send(message, fds);
        } catch (SyscallException e) {
            throw crashed("sending " + what, e.getMessage());
        }
    }

    /** Drops replies to hostile messages that came after their wait, so the next reply read is the next one asked for. */
    private void discardLateReplies() {
        if (!replyMayBeLate) {
            return;
        }
        try {
            while (socket.awaitReadable(Duration.ZERO)) {
                FileDescriptors.closeQuietly(socket.receiveFrame().fds());
            }
        } catch (EOFException | SyscallException | VhostUserProtocolException e) {
            // The next exchange meets the same trouble and reports it.
        }
    }

    private VhostUserSocket.Frame receiveFrame(String what) {
        try {
            return socket.receiveFrame();
        } catch (EOFException e) {
            throw crashed("waiting for the reply to " + what, "it closed the socket");
        } catch (SyscallException e) {
            throw crashed("waiting for the reply to " + what, e.getMessage());
        } catch (VhostUserProtocolException e) {
            throw new DaemonFailure.Misbehaved("reply to " + what + ": " + e.getMessage());
        }
    }

    private VhostUserPayload read(VhostUserRequest request) {
        awaitReply(request.toString(), timeout, true);
        VhostUserMessage reply;
        try {
            reply = receiveFrame(request.toString()).decode();
        } catch (VhostUserProtocolException e) {
            throw new DaemonFailure.Misbehaved("reply to " + request + ": " + e.getMessage());
        }
        FileDescriptors.closeQuietly(reply.fds());
        VhostUserHeader header = reply.header();
        if (header.request() != request.code()) {
            throw new DaemonFailure.Misbehaved("reply to " + request + " carries request code " + header.request());
        }
        if (header.flags() != (VhostUserHeader.VERSION | VhostUserHeader.REPLY)) {
            throw new DaemonFailure.Misbehaved("reply to " + request + " has flags 0x"
                    + Integer.toHexString(header.flags()) + ", the spec requires 0x5");
        }
        return reply.payload();
    }

    /**
     * Waits for a reply while watching the daemon's health: true once one is there; at the
     * deadline a TimedOut when {@code required}, else false.
     */
    private boolean awaitReply(String what, Duration wait, boolean required) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!socket.awaitReadable(SLICE)) {
                watch.check("the reply to " + what);
                if (System.nanoTime() > deadline) {
                    if (required) {
                        throw new DaemonFailure.TimedOut("reply to " + what, wait);
                    }
                    return false;
                }
            }
            return true;
        } catch (SyscallException e) {
            throw crashed("waiting for the reply to " + what, e.getMessage());
        }
    }

    /** A broken socket usually means the process is dying: give it a moment to say how. */
    private DaemonFailure.Crashed crashed(String during, String fallback) {
        try {
            String how = await("the daemon's exit after " + during).atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(20)).until(() -> watch.death().orElse(null), Objects::nonNull);
            return new DaemonFailure.Crashed(during, how);
        } catch (ConditionTimeoutException stillAlive) {
            return new DaemonFailure.Crashed(during, fallback);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** Shuts the connection down both ways, as a frontend that went away; the fd stays until {@link #close}. */
    void shutdown() {
        socket.shutdown();
    }
}
