package dev.vfc.syscall;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A stream unix socket that carries file descriptors as SCM_RIGHTS ancillary data, which is
 * how vhost-user hands guest memory and notifiers to the backend. Java 17's own unix
 * channels cannot do that, hence sendmsg/recvmsg here.
 *
 * <p>Struct layouts are x86_64 Linux: {@code msghdr} 56 bytes (name@0, namelen@8, iov@16,
 * iovlen@24, control@32, controllen@40, flags@48), {@code iovec} 16, {@code cmsghdr} 16
 * (len@0, level@8, type@12) followed by the fd array.
 */
public final class UnixSocket implements AutoCloseable {

    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int F_DUPFD = 0;
    private static final int SHUT_RDWR = 2;
    private static final int SO_ACCEPTCONN = 30;
    /** vhost-user allows at most 8 fds on SET_MEM_TABLE; rust-vmm accepts 32, and so does a receive here. */
    public static final int MAX_FDS = 32;
    /**
     * What one sendmsg may carry: the kernel's SCM_MAX_FD (Linux include/net/scm.h), so a hostile
     * frontend can send more fds than a receiver has room for.
     */
    public static final int MAX_SEND_FDS = 253;
    private static final int MSG_CTRUNC = 0x8;

    private static final int MSGHDR_SIZE = 56;
    private static final int IOVEC_SIZE = 16;
    private static final int CMSG_HEADER = 16;
    private static final int CONTROL_SIZE = CMSG_HEADER + align8(MAX_SEND_FDS * Integer.BYTES);

    private final int fd;
    private final ByteBuffer msghdr = Native.allocate(MSGHDR_SIZE);
    private final ByteBuffer iovec = Native.allocate(IOVEC_SIZE);
    private final ByteBuffer control = Native.allocate(CONTROL_SIZE);
    private volatile boolean closed;

    private UnixSocket(int fd) {
        this.fd = fd;
    }

    /** Connects to a listening socket at {@code path}. */
    public static UnixSocket connect(Path path) throws SyscallException {
        int fd = newSocket();
        try {
            ByteBuffer addr = UnixAddress.of(path);
            Native.checkInt(Native.LIBC.connect(fd, Native.address(addr), addr.capacity()), "connect(" + path + ")");
        } catch (SyscallException e) {
            FileDescriptors.closeQuietly(fd);
            throw e;
        }
        return new UnixSocket(fd);
    }

    /** Binds and listens at {@code path}; the caller accepts with {@link #accept(Duration)}. */
    public static UnixSocket listen(Path path) throws SyscallException {
        int fd = newSocket();
        try {
            ByteBuffer addr = UnixAddress.of(path);
            Native.checkInt(Native.LIBC.bind(fd, Native.address(addr), addr.capacity()), "bind(" + path + ")");
            Native.checkInt(Native.LIBC.listen(fd, 1), "listen");
        } catch (SyscallException e) {
            FileDescriptors.closeQuietly(fd);
            throw e;
        }
        return new UnixSocket(fd);
    }

    /**
     * A socket already bound and listening that the daemon inherited as {@code fd} (the Rust
     * virtiofsd's {@code --fd}); checked to be a listening unix stream socket.
     */
    public static UnixSocket ofListening(int fd) throws SyscallException {
        ByteBuffer value = Native.allocate(4);
        ByteBuffer length = Native.allocate(4);
        length.putInt(0, 4);
        Native.checkInt(Native.LIBC.getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, Native.address(value),
                Native.address(length)), "getsockopt(" + fd + ", SO_ACCEPTCONN)");
        if (value.getInt(0) == 0) {
            throw new SyscallException("--fd " + fd, 22, "not a listening socket");
        }
        return new UnixSocket(fd);
    }

    /**
     * A connected pair, as QEMU makes for SET_BACKEND_REQ_FD: one end is sent to the daemon,
     * the other stays with the frontend.
     */
    public static UnixSocket[] pair() throws SyscallException {
        int[] fds = new int[2];
        Native.checkInt(Native.LIBC.socketpair(UnixAddress.AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), "socketpair");
        return new UnixSocket[] {new UnixSocket(fds[0]), new UnixSocket(fds[1])};
    }

    /**
     * Accepts one connection, waiting at most {@code timeout} (a zero or negative timeout
     * waits forever, in slices, until the socket is closed).
     *
     * @return the connection, or {@code null} when the timeout passed
     */
    public UnixSocket accept(Duration timeout) throws SyscallException {
        if (!Poll.readable(fd, timeout)) {
            return null;
        }
        return new UnixSocket(Native.checkInt(Native.LIBC.accept4(fd, 0, 0, SOCK_CLOEXEC), "accept"));
    }

    public int fd() {
        return fd;
    }

    /** Sends all of {@code data} with {@code fds} attached to its first byte. */
    public synchronized void send(ByteBuffer data, int... fds) throws SyscallException {
        if (fds.length > MAX_SEND_FDS) {
            throw new IllegalArgumentException("at most " + MAX_SEND_FDS + " fds per message, got " + fds.length);
        }
        ByteBuffer out = Native.allocate(data.remaining());
        out.put(data.duplicate()).flip();
        boolean first = true;
        while (out.hasRemaining()) {
            iovec.putLong(0, Native.address(out) + out.position()).putLong(8, out.remaining());
            prepareHeader(first ? fds.length : 0);
            if (first && fds.length > 0) {
                control.putLong(0, CMSG_HEADER + (long) fds.length * Integer.BYTES)
                        .putInt(8, SOL_SOCKET).putInt(12, SCM_RIGHTS);
                for (int i = 0; i < fds.length; i++) {
                    control.putInt(CMSG_HEADER + i * Integer.BYTES, fds[i]);
                }
            }
            long n = Native.LIBC.sendmsg(fd, Native.address(msghdr), MSG_NOSIGNAL);
            if (n == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            Native.check(n, "sendmsg");
            out.position(out.position() + (int) n);
            first = false;
        }
        data.position(data.limit());
    }

    /**
     * What came with the bytes of one {@link #receive}: the fds, which the caller owns, and
     * whether more were sent than the {@link #MAX_FDS} slots hold (MSG_CTRUNC: the kernel
     * closed the rest, so the message is not what its sender meant).
     */
    public record Received(int[] fds, boolean fdsTruncated) {
    }

    /**
     * Fills {@code dst} completely, collecting any fds that arrive on the way. The bytes are
     * consumed even when the fds were truncated, so the stream stays in step.
     *
     * @throws EOFException if the peer closed before {@code dst} was full
     */
    public synchronized Received receive(ByteBuffer dst) throws SyscallException, EOFException {
        ByteBuffer in = Native.allocate(Math.max(1, dst.remaining()));
        in.limit(dst.remaining());
        int[] fds = new int[0];
        boolean truncated = false;
        while (in.hasRemaining()) {
            iovec.putLong(0, Native.address(in) + in.position()).putLong(8, in.remaining());
            prepareHeader(MAX_FDS);
            long n = Native.LIBC.recvmsg(fd, Native.address(msghdr), MSG_CMSG_CLOEXEC);
            if (n == -1 && Native.errno() == Native.EINTR) {
                continue;
            }
            Native.check(n, "recvmsg");
            fds = concat(fds, receivedFds());
            truncated |= (msghdr.getInt(48) & MSG_CTRUNC) != 0;
            if (n == 0) {
                FileDescriptors.closeQuietly(fds);
                throw new EOFException("peer closed the socket after " + in.position() + " of "
                        + in.limit() + " bytes");
            }
            in.position(in.position() + (int) n);
        }
        in.flip();
        dst.put(in);
        return new Received(fds, truncated);
    }

    /** Waits until a message (or the peer's close) is ready to be received. */
    public boolean awaitReadable(Duration timeout) throws SyscallException {
        return Poll.readable(fd, timeout);
    }

    private void prepareHeader(int fdSlots) {
        msghdr.clear();
        msghdr.putLong(0, 0).putInt(8, 0).putLong(16, Native.address(iovec)).putLong(24, 1);
        int controlLength = fdSlots == 0 ? 0 : CMSG_HEADER + align8(fdSlots * Integer.BYTES);
        msghdr.putLong(32, controlLength == 0 ? 0 : Native.address(control)).putLong(40, controlLength);
        msghdr.putInt(48, 0);
        control.clear();
        for (int i = 0; i < control.capacity(); i++) {
            control.put(i, (byte) 0);
        }
    }

    private int[] receivedFds() {
        long controlLength = msghdr.getLong(40);
        int[] fds = new int[0];
        int offset = 0;
        while (offset + CMSG_HEADER <= controlLength) {
            long length = control.getLong(offset);
            if (length < CMSG_HEADER) {
                break;
            }
            if (control.getInt(offset + 8) == SOL_SOCKET && control.getInt(offset + 12) == SCM_RIGHTS) {
                int count = (int) ((length - CMSG_HEADER) / Integer.BYTES);
                int[] more = new int[count];
                for (int i = 0; i < count; i++) {
                    more[i] = control.getInt(offset + CMSG_HEADER + i * Integer.BYTES);
                }
                fds = concat(fds, more);
            }
            offset += CMSG_HEADER + align8((int) length - CMSG_HEADER);
        }
        return fds;
    }

    private static int[] concat(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    private static int newSocket() throws SyscallException {
        return Native.checkInt(Native.LIBC.socket(UnixAddress.AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket");
    }

    /**
     * Shuts the connection down both ways and leaves the fd open: a thread blocked receiving on
     * it sees end of file and finishes with it, and closes it itself (so the fd number cannot be
     * reused under that thread).
     */
    public void shutdown() {
        if (!closed) {
            Native.LIBC.shutdown(fd, SHUT_RDWR);
        }
    }

    /**
     * Hands this socket over to a program this process will execve(2): a duplicate descriptor
     * numbered 10 or above (fcntl F_DUPFD leaves FD_CLOEXEC clear; POSIX shells keep 0 to 9 for
     * their redirections) that outlives the exec, and this object's own descriptor closed without
     * a shutdown(2), which would shut the shared socket for the new owner too.
     *
     * @return the inheritable descriptor
     */
    public int handOverAcrossExec() throws SyscallException {
        int inheritable = Native.checkInt(Native.LIBC.fcntl(fd, F_DUPFD, 10), "fcntl F_DUPFD");
        closed = true;
        FileDescriptors.closeQuietly(fd);
        return inheritable;
    }

    /** Shuts the connection down both ways, waking a peer blocked on it, then closes it. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Native.LIBC.shutdown(fd, SHUT_RDWR);
            FileDescriptors.closeQuietly(fd);
        }
    }
}
