package dev.vfc.bench;

import dev.vfc.memory.GuestRegion;
import dev.vfc.memory.MemfdGuestMemory;
import dev.vfc.syscall.EventFd;
import dev.vfc.syscall.FileDescriptors;
import dev.vfc.syscall.PosixFiles;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.VectoredIo;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code limit} column: what this machine does for each row with no daemon and no virtqueue
 * in the way, measured in the same run so each daemon's figure reads as a share of it. A READ
 * row is the copy every daemon must make, preadv(2) of the page-cached file into a shared memfd
 * mapping (the guest's RAM as QEMU gives it to a daemon), at the row's size and sequential
 * offsets, into one buffer. A row of small requests is bound by the wake-ups instead: the limit
 * is one eventfd round trip between two threads (a kick one way, a call the other), the least a
 * request through a vhost-user daemon costs.
 */
final class MachineLimit implements AutoCloseable {

    private static final Duration ECHO_POLL = Duration.ofMillis(200);

    private final BenchFile file;
    private final MemfdGuestMemory memory;
    private final int fd;
    private final EventFd kick;
    private final EventFd call;
    private final Thread echo;
    private volatile boolean closed;

    private MachineLimit(BenchFile file, MemfdGuestMemory memory, int fd, EventFd kick, EventFd call) {
        this.file = file;
        this.memory = memory;
        this.fd = fd;
        this.kick = kick;
        this.call = call;
        this.echo = new Thread(this::echo, "vfc-bench-limit-echo");
        echo.setDaemon(true);
        echo.start();
    }

    static MachineLimit over(BenchFile file) throws SyscallException {
        MemfdGuestMemory memory = MemfdGuestMemory.single(8L << 20);
        int fd = PosixFiles.openat(PosixFiles.AT_FDCWD,
                file.dir().resolve(BenchFile.NAME).toString().getBytes(StandardCharsets.UTF_8),
                PosixFiles.O_RDONLY | PosixFiles.O_CLOEXEC, 0);
        return new MachineLimit(file, memory, fd, EventFd.create(), EventFd.create());
    }

    /**
     * The stream that stands for {@code w} without a daemon: at queue depth d, d copies per
     * round (each timed alone), or one round trip that d requests share, as one kick and one
     * call serve a batch.
     */
    RequestStream stream(Workload w) {
        int depth = w.depth();
        return switch (w.op()) {
            case READ -> {
                Copies copies = new Copies(w.size());
                RequestStream one = RequestStream.timed(copies::next);
                yield latency -> {
                    long units = 0;
                    for (int i = 0; i < depth; i++) {
                        units += one.next(latency);
                    }
                    return units;
                };
            }
            case GETATTR -> latency -> {
                long start = System.nanoTime();
                roundTrip();
                long nanos = System.nanoTime() - start;
                for (int i = 0; i < depth; i++) {
                    latency.accept(nanos);
                }
                return depth;
            };
        };
    }

    /** preadv(2) of {@code size} bytes into guest memory at sequential offsets, as the READ streams go. */
    private final class Copies {
        private final long[] address;
        private final long[] length;
        private long offset;

        Copies(int size) {
            GuestRegion region = memory.regions().get(0);
            this.address = new long[] {region.userspaceAddr()};
            this.length = new long[] {size};
        }

        long next() {
            try {
                long n = VectoredIo.preadv(fd, address, length, 1, offset);
                if (n != length[0]) {
                    throw new IllegalStateException("preadv copied " + n + " of " + length[0] + " bytes");
                }
            } catch (SyscallException e) {
                throw new UncheckedIOException(e);
            }
            offset = RequestStream.SequentialReads.nextOffset(offset, (int) length[0], file.size());
            return length[0];
        }
    }

    private long roundTrip() {
        try {
            kick.signal();
            while (!call.await(ECHO_POLL)) {
                if (!echo.isAlive()) {
                    throw new IllegalStateException("the echo thread stopped");
                }
            }
            return 1;
        } catch (SyscallException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The other side of {@link #roundTrip}: each kick answered by a call, as a daemon's queue thread does. */
    private void echo() {
        try {
            while (!closed) {
                if (kick.await(ECHO_POLL)) {
                    call.signal();
                }
            }
        } catch (SyscallException e) {
            // closed under the wait: the run is over
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            echo.join(ECHO_POLL.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kick.close();
        call.close();
        FileDescriptors.closeQuietly(fd);
        memory.close();
    }
}
