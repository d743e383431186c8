package dev.vfc.daemon;

import dev.vfc.backend.CallFault;
import dev.vfc.backend.RequestHandler;
import dev.vfc.backend.VhostUserBackend;
import dev.vfc.fs.FileSystem;
import dev.vfc.passthrough.CacheMode;
import dev.vfc.passthrough.PassthroughFileSystem;
import dev.vfc.passthrough.PassthroughOptions;
import dev.vfc.sandbox.Sandbox;
import dev.vfc.sandbox.SeccompFilter;
import dev.vfc.server.FuseServer;
import dev.vfc.server.ServerOptions;
import dev.vfc.server.decorator.IdMappingFileSystem;
import dev.vfc.server.decorator.LoggingFileSystem;
import dev.vfc.syscall.SyscallException;
import dev.vfc.syscall.UnixSocket;
import dev.vfc.vhostuser.VhostUserSocket;
import dev.vfc.vhostuser.VirtioFsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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

    private final Listen listen;
    private final int queues;
    private final Preparation preparation;
    private final int threadPoolSize;
    private final CallFault callFault;
    private final VirtioFsConfig config;
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
        this(new Listen.AtPath(socketPath, Optional.empty()), queues, () -> handler, threadPoolSize, callFault, null);
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

    /**
     * Listening as {@code listen} says ({@code --socket-path}/{@code --socket-group} or
     * {@code --fd}) and offering {@code config} as the device's config space ({@code --tag})
     * when it is not null.
     */
    public VirtioFsDaemon(Listen listen, int queues, RequestHandler handler, int threadPoolSize,
            CallFault callFault, VirtioFsConfig config) {
        this(listen, queues, () -> handler, threadPoolSize, callFault, config);
    }

    /** As above, serving with what {@code preparation} makes once the frontend is connected. */
    private VirtioFsDaemon(Listen listen, int queues, Preparation preparation, int threadPoolSize,
            CallFault callFault, VirtioFsConfig config) {
        this.preparation = preparation;
        this.callFault = callFault;
        this.config = config;
        this.listen = listen;
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
            FuseServer server = new FuseServer(fileSystem(options, shared, assembly), serverOptions(options));
            RequestHandler handler = assembly.handler().apply(server::handle);
            SeccompFilter.install(options.sandbox().seccomp());
            return handler;
        };
        VirtioFsConfig config = options.daemon().tag().map(t -> new VirtioFsConfig(t, options.requestQueues()))
                .orElse(null);
        return new VirtioFsDaemon(options.listen(), 1 + options.requestQueues(), preparation,
                options.threadPoolSize(), assembly.callFault(), config);
    }

    /** What the FUSE server offers: the defaults, without READDIRPLUS for {@code --no-readdirplus}. */
    static ServerOptions serverOptions(DaemonOptions options) {
        return ServerOptions.defaults().withReaddirplus(options.daemon().readdirplus());
    }

    private static FileSystem fileSystem(DaemonOptions options, Path shared, Assembly assembly) throws IOException {
        CacheMode cache = switch (options.cache()) {
            case AUTO -> CacheMode.AUTO;
            case ALWAYS -> CacheMode.ALWAYS;
            case NEVER -> CacheMode.NEVER;
        };
        PassthroughOptions passthrough = PassthroughOptions.of(shared).withCache(cache)
                .withXattr(options.xattr()).withReadonly(options.readonly()).withFeatures(options.features());
        FileSystem fs = assembly.fileSystem().apply(new PassthroughFileSystem(passthrough));
        DaemonFeatures d = options.daemon();
        if (!d.uids().isIdentity() || !d.gids().isIdentity()) {
            fs = new IdMappingFileSystem(fs, d.uids(), d.gids());
        }
        boolean debug = options.logLevel() == DaemonOptions.LogLevel.DEBUG
                || options.logLevel() == DaemonOptions.LogLevel.TRACE;
        return debug ? new LoggingFileSystem(fs) : fs;
    }

    /** Serves one connection; returns when the frontend disconnects or {@link #shutdown()} is called. */
    public void run() throws IOException {
        listener = ListeningSocket.open(listen);
        UnixSocket connection;
        try {
            connection = acceptOne();
        } finally {
            listener.close();
            for (Path socketFile : ListeningSocket.path(listen).stream().toList()) {
                Files.deleteIfExists(socketFile);
            }
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
                callFault, config)) {
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
