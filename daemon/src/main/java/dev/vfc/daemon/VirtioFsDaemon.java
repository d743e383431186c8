package dev.vfc.daemon;

import dev.vfc.backend.CallFault;
import dev.vfc.backend.RequestHandler;
import dev.vfc.fs.FileSystem;
import dev.vfc.passthrough.CacheMode;
import dev.vfc.passthrough.PassthroughFileSystem;
import dev.vfc.passthrough.PassthroughOptions;
import dev.vfc.server.FuseServer;
import dev.vfc.server.ServerOptions;
import dev.vfc.server.decorator.LoggingFileSystem;
import dev.vfc.backend.VhostUserBackend;
import dev.vfc.sandbox.Sandbox;
import dev.vfc.sandbox.SeccompFilter;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.VhostUserSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Listens on the vhost-user socket, serves exactly one frontend, and returns when it
 * disconnects, as the C and Rust daemons do (QEMU starts one daemon per device). A stale
 * socket file from an earlier run is replaced.
 */
public final class VirtioFsDaemon {

    private static final Logger LOG = Logger.getLogger(VirtioFsDaemon.class.getName());
    private static final Duration ACCEPT_SLICE = Duration.ofMillis(200);

    private final Path socketPath;
    private final int queues;
    private final Preparation preparation;
    private final int threadPoolSize;
    private final CallFault callFault;
    private volatile boolean shuttingDown;
    private volatile UnixSocket listener;
    private volatile VhostUserBackend backend;

    /** @param queues hiprio plus request queues */
    public VirtioFsDaemon(Path socketPath, int queues, RequestHandler handler, int threadPoolSize) {
        this(socketPath, queues, handler, threadPoolSize, CallFault.NONE);
    }

    /** As above, with used buffer notifications broken on purpose, for testing the suite. */
    public VirtioFsDaemon(Path socketPath, int queues, RequestHandler handler, int threadPoolSize,
            CallFault callFault) {
        this(socketPath, queues, () -> handler, threadPoolSize, callFault);
    }

    /**
     * What runs once the frontend is connected and before its first message is read: the
     * sandbox is entered, the shared directory opened as the sandbox shows it, and the seccomp
     * filter installed, in that order, so that nothing a frontend sends is handled outside them.
     */
    @FunctionalInterface
    public interface Preparation {
        RequestHandler prepare() throws IOException;
    }

    private VirtioFsDaemon(Path socketPath, int queues, Preparation preparation, int threadPoolSize,
            CallFault callFault) {
        this.preparation = preparation;
        this.callFault = callFault;
        this.socketPath = socketPath;
        this.queues = queues;
        this.threadPoolSize = threadPoolSize;
    }

    /**
     * The daemon a command line describes: the passthrough filesystem over the shared
     * directory, wrapped in the requested fault and in call logging at debug level, behind the
     * FUSE server, on hiprio plus the requested request queues.
     */
    public static VirtioFsDaemon fromOptions(DaemonOptions options) {
        return fromOptions(options, Assembly.of(options.fault()));
    }

    /**
     * As {@link #fromOptions(DaemonOptions)}, with its layers wrapped as {@code assembly} says.
     * The shared directory is opened only once the sandbox is entered (see {@link Preparation}).
     */
    public static VirtioFsDaemon fromOptions(DaemonOptions options, Assembly assembly) {
        Preparation preparation = () -> {
            Path shared = Sandbox.enter(options.sandbox(), options.sharedDir());
            FuseServer server = new FuseServer(fileSystem(options, shared, assembly), ServerOptions.defaults());
            RequestHandler handler = assembly.handler().apply(server::handle);
            SeccompFilter.install(options.seccomp());
            return handler;
        };
        return new VirtioFsDaemon(options.socketPath(), 1 + options.requestQueues(), preparation,
                options.threadPoolSize(), assembly.callFault());
    }

    private static FileSystem fileSystem(DaemonOptions options, Path shared, Assembly assembly) throws IOException {
        CacheMode cache = switch (options.cache()) {
            case AUTO -> CacheMode.AUTO;
            case ALWAYS -> CacheMode.ALWAYS;
            case NEVER -> CacheMode.NEVER;
        };
        FileSystem fs = assembly.fileSystem().apply(new PassthroughFileSystem(PassthroughOptions.of(shared)
                .withCache(cache).withXattr(options.xattr()).withReadonly(options.readonly())));
        boolean debug = options.logLevel() == DaemonOptions.LogLevel.DEBUG
                || options.logLevel() == DaemonOptions.LogLevel.TRACE;
        return debug ? new LoggingFileSystem(fs) : fs;
    }

    /** Serves one connection; returns when the frontend disconnects or {@link #shutdown()} is called. */
    public void run() throws IOException {
        Files.deleteIfExists(socketPath);
        listener = UnixSocket.listen(socketPath);
        LOG.info("listening on " + socketPath);
        UnixSocket connection;
        try {
            connection = acceptOne();
        } finally {
            listener.close();
            Files.deleteIfExists(socketPath);
        }
        if (connection == null) {
            return;
        }
        LOG.info("frontend connected");
        RequestHandler handler;
        try {
            handler = preparation.prepare();
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        ExecutorService pool = threadPoolSize > 0 ? Executors.newFixedThreadPool(threadPoolSize) : null;
        try (VhostUserBackend b = new VhostUserBackend(new VhostUserSocket(connection), queues, handler, pool,
                callFault)) {
            backend = b;
            if (!shuttingDown) {
                b.serve();
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private UnixSocket acceptOne() throws SyscallException {
        while (!shuttingDown) {
            UnixSocket c = listener.accept(ACCEPT_SLICE);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /**
     * Stops serving, from any thread (the SIGTERM handler): the accept loop ends, or the
     * connection is shut down so that {@link #run}'s thread sees the frontend gone and tears the
     * backend down itself, after the message in hand.
     */
    public void shutdown() {
        shuttingDown = true;
        VhostUserBackend b = backend;
        if (b != null) {
            b.disconnect();
        }
    }
}
