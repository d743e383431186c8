package dev.vfc.vhostuser;

import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixSocket;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * Whole vhost-user messages over a unix socket, for both ends: the 12-byte header, then
 * {@code size} payload bytes, with fds as SCM_RIGHTS on the same sendmsg (vhost-user spec,
 * "Communication"). A message whose payload would exceed {@link VhostUserHeader#MAX_PAYLOAD_SIZE}
 * is refused before reading it, so a peer cannot make this end allocate at will.
 */
public final class VhostUserSocket implements AutoCloseable {

    private final UnixSocket socket;

    public VhostUserSocket(UnixSocket socket) {
        this.socket = socket;
    }

    public void send(ByteBuffer message, int... fds) throws SyscallException {
        socket.send(message, fds);
    }

    /** Waits up to {@code timeout} for the next message to start arriving (or the peer to close). */
    public boolean awaitReadable(Duration timeout) throws SyscallException {
        return socket.awaitReadable(timeout);
    }

    /** A message as it arrived, before its payload is decoded: the backend decodes it itself so it can refuse a bad one. */
    public record Frame(VhostUserHeader header, ByteBuffer payload, int[] fds, boolean fdsTruncated) {

        /**
         * Decodes the payload for the header's request; closes the fds if that fails. A message
         * whose fds were truncated is refused: some of what its sender attached is gone.
         */
        public VhostUserMessage decode() {
            try {
                if (fdsTruncated) {
                    throw new VhostUserProtocolException(header + ": more fds attached than the "
                            + UnixSocket.MAX_FDS + " a message may carry here");
                }
                return VhostUserCodec.decode(header, payload.duplicate().order(ByteOrder.LITTLE_ENDIAN), fds);
            } catch (RuntimeException e) {
                FileDescriptors.closeQuietly(fds);
                throw e;
            }
        }
    }

    /**
     * Reads one message.
     *
     * @throws EOFException when the peer closed the socket
     * @throws VhostUserProtocolException on a payload that does not decode for its request;
     *         the fds that came with it are closed then
     */
    public VhostUserMessage receive() throws SyscallException, EOFException {
        return receiveFrame().decode();
    }

    /**
     * Reads one message's header, payload bytes and fds.
     *
     * @throws VhostUserProtocolException on a payload larger than
     *         {@link VhostUserHeader#MAX_PAYLOAD_SIZE}, refused before it is read
     */
    public Frame receiveFrame() throws SyscallException, EOFException {
        ByteBuffer headerBytes = ByteBuffer.allocate(VhostUserHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        UnixSocket.Received received = socket.receive(headerBytes);
        int[] fds = received.fds();
        try {
            VhostUserHeader header = VhostUserHeader.decode(headerBytes.flip());
            long size = Integer.toUnsignedLong(header.size());
            if (size > VhostUserHeader.MAX_PAYLOAD_SIZE) {
                throw new VhostUserProtocolException(header + ": payload of " + size + " bytes exceeds "
                        + VhostUserHeader.MAX_PAYLOAD_SIZE);
            }
            ByteBuffer payload = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            UnixSocket.Received late = socket.receive(payload);
            FileDescriptors.closeQuietly(late.fds());
            return new Frame(header, payload.flip(), fds, received.fdsTruncated() || late.fdsTruncated());
        } catch (RuntimeException | EOFException | SyscallException e) {
            FileDescriptors.closeQuietly(fds);
            throw e;
        }
    }

    /** Ends the connection for the thread receiving on it, which then sees end of file; {@link #close} is still its job. */
    public void shutdown() {
        socket.shutdown();
    }

    @Override
    public void close() {
        socket.close();
    }
}
