package dev.vfc.syscall;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * An AF_UNIX SOCK_DGRAM socket connected to a path, as syslog(3) connects to /dev/log (once,
 * so that it keeps working after a sandbox has taken the path away). Java 17's unix-domain
 * channels are stream-only (JEP 380), hence socket/connect/send here. Also binds one, so a
 * test can stand in for the syslog daemon.
 */
public final class UnixDatagram implements AutoCloseable {

    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;

    private final int fd;

    private UnixDatagram(int fd) {
        this.fd = fd;
    }

    private static UnixDatagram open() throws SyscallException {
        return new UnixDatagram(Native.checkInt(Native.LIBC.socket(UnixAddress.AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket"));
    }

    /** A socket connected to the one bound at {@code path}, for {@link #send}. */
    public static UnixDatagram connect(Path path) throws SyscallException {
        return openAt(path, "connect", (fd, addr, len) -> Native.LIBC.connect(fd, addr, len));
    }

    /** A socket bound at {@code path}, for {@link #receive}. */
    public static UnixDatagram bind(Path path) throws SyscallException {
        return openAt(path, "bind", (fd, addr, len) -> Native.LIBC.bind(fd, addr, len));
    }

    /** connect(2) and bind(2) take the same arguments. */
    @FunctionalInterface
    private interface AddressCall {
        int call(int fd, long addr, int addrlen);
    }

    private static UnixDatagram openAt(Path path, String what, AddressCall call) throws SyscallException {
        UnixDatagram s = open();
        ByteBuffer addr = UnixAddress.of(path);
        try {
            Native.checkInt(call.call(s.fd, Native.address(addr), addr.capacity()), what + "(" + path + ")");
        } catch (SyscallException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Sends {@code message} as one datagram to the socket this one is connected to. */
    public void send(byte[] message) throws SyscallException {
        ByteBuffer data = Native.allocate(Math.max(1, message.length));
        data.put(message).clear();
        Native.check(Native.LIBC.sendto(fd, Native.address(data), message.length, 0, 0L, 0), "send");
    }

    /** Receives one datagram (blocking), at most {@code max} bytes of it. */
    public byte[] receive(int max) throws SyscallException {
        ByteBuffer data = Native.allocate(max);
        int n = (int) Native.check(Native.LIBC.recv(fd, Native.address(data), max, 0), "recv");
        byte[] out = new byte[n];
        data.get(out);
        return out;
    }

    @Override
    public void close() {
        FileDescriptors.closeQuietly(fd);
    }
}
