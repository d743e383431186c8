package dev.vfc.syscall;

import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc entry points the project needs and Java 17 lacks: SCM_RIGHTS, memfd, mmap of an
 * arbitrary fd, eventfd, poll, preadv/pwritev. Pointers travel as plain {@code long}
 * addresses (x86_64), so callers lay structs out in direct buffers they own.
 *
 * <p>Public only because jnr-ffi generates the implementation in its own class loader; code
 * outside this package uses the typed wrappers ({@link UnixSocket}, {@link Mapping}, ...).
 */
@SaveError
public interface LibC {
    int memfd_create(String name, int flags);

    int ftruncate(int fd, long length);

    /** Declared with Pointer: a plain {@code long} address here made jnr-ffi pass bad arguments (EINVAL). */
    jnr.ffi.Pointer mmap(jnr.ffi.Pointer addr, @size_t long length, int prot, int flags, int fd, @off_t long offset);

    int munmap(long addr, @size_t long length);

    int eventfd(int initval, int flags);

    @ssize_t long read(int fd, long buf, @size_t long count);

    @ssize_t long write(int fd, long buf, @size_t long count);

    int close(int fd);

    /** fcntl(2) with an int argument (F_DUPFD). */
    int fcntl(int fd, int cmd, int arg);

    int socket(int domain, int type, int protocol);

    int connect(int fd, long addr, int addrlen);

    int bind(int fd, long addr, int addrlen);

    int listen(int fd, int backlog);

    int accept4(int fd, long addr, long addrlen, int flags);

    @ssize_t long sendmsg(int fd, long msghdr, int flags);

    @ssize_t long recvmsg(int fd, long msghdr, int flags);

    int socketpair(int domain, int type, int protocol, @jnr.ffi.annotations.Out int[] sv);

    int shutdown(int fd, int how);

    int poll(long fds, long nfds, int timeoutMillis);

    @ssize_t long preadv(int fd, long iov, int iovcnt, long offset);

    @ssize_t long pwritev(int fd, long iov, int iovcnt, long offset);

    String strerror(int errnum);

    @ssize_t long sendto(int fd, long buf, @size_t long len, int flags, long destAddr, int addrlen);

    @ssize_t long recv(int fd, long buf, @size_t long len, int flags);

    int getsockopt(int fd, int level, int optname, long optval, long optlen);

    int getrlimit(int resource, long rlim);

    int setrlimit(int resource, long rlim);

    int name_to_handle_at(int dirfd, @jnr.ffi.annotations.In byte[] path, long handle, long mountId, int flags);
}
