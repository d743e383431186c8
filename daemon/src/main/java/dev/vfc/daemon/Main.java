package dev.vfc.daemon;

import dev.vfc.passthrough.Credentials;
import dev.vfc.passthrough.PassthroughOptions;
import dev.vfc.sandbox.Launcher;
import dev.vfc.sandbox.SandboxMode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * {@code java -jar vfc-daemon-VERSION-all.jar --socket-path PATH --shared-dir DIR [options]}:
 * the bundled virtio-fs daemon. Exit codes: 0 when the frontend disconnected or SIGTERM
 * stopped it, 1 when serving failed, 2 for a bad command line.
 */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(Arrays.asList(args));
        } catch (UsageException e) {
            err.println("vfc-daemon: " + e.getMessage());
            return 2;
        }
        switch (options.action()) {
            case HELP -> {
                out.print(DaemonOptions.USAGE);
                return 0;
            }
            case VERSION -> {
                out.println("vfc-daemon " + version() + " (FUSE 7.38, vhost-user)");
                return 0;
            }
            case PRINT_CAPABILITIES -> {
                out.print(Capabilities.JSON);
                return 0;
            }
            case SERVE -> {
                return serve(options, Assembly.of(options.fault()), err);
            }
        }
        return 2;
    }

    /**
     * Serves as {@code options} say, with the daemon's layers wrapped as {@code assembly} says
     * (the mutant daemons of module {@code mutants} start here); the exit code as for {@link #run}.
     */
    public static int serve(DaemonOptions options, Assembly assembly, PrintStream err) {
        Logging.configure(options.logLevel(), options.daemon().syslog());
        try {
            boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
            if (root && !Launcher.inUserNamespace()) {
                // CVE-2022-0358: files created in a setgid directory must not get a group the
                // guest's user is not in just because the daemon's root user is. Before the
                // launcher step, so that its pid namespace's supervising shell holds none either.
                Credentials.dropSupplementaryGroups();
            }
            if (!Launcher.launched()) {
                // Before any sandbox, which takes CAP_DAC_READ_SEARCH away (the Java daemon's
                // nodes are O_PATH descriptors, so it never needs that capability itself).
                FileHandleCheck.atStartUp(PassthroughOptions.of(options.sharedDir()).withFeatures(options.features()));
                if (options.sandbox().mode() == SandboxMode.NAMESPACE) {
                    Launcher.reexecInNamespace(root, options.sandbox(), listenBeforeLaunch(options.listen()));
                }
            } else {
                options = inherited(options, Launcher.inheritedListener());
            }
            // First, so that a SIGTERM once the launcher's socket listens stops this daemon cleanly.
            VirtioFsDaemon daemon = VirtioFsDaemon.fromOptions(options, assembly);
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM: stopping");
                daemon.shutdown();
            });
            Signal.handle(new Signal("INT"), signal -> daemon.shutdown());
            OpenFileLimit.apply(options.daemon().rlimitNofile());
            daemon.run();
            LOG.info("done");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("vfc-daemon: " + e.getMessage());
            return 1;
        }
    }

    /**
     * A socket path is bound and listening before the namespaces are entered, so that it lives
     * in the host's network namespace ({@link Listen.BoundAtPath}); an {@code --fd} socket
     * already does.
     */
    private static OptionalInt listenBeforeLaunch(Listen listen) throws IOException {
        if (!(listen instanceof Listen.AtPath p)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ListeningSocket.bind(p).handOverAcrossExec());
    }

    /** Under the launcher step, its socket at the path of {@code --socket-path} ({@link Listen.BoundAtPath}). */
    private static DaemonOptions inherited(DaemonOptions options, OptionalInt fd) {
        if (fd.isPresent() && options.listen() instanceof Listen.AtPath p) {
            return options.withListen(new Listen.BoundAtPath(p.path(), fd.getAsInt()));
        }
        return options;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
