package dev.vfc.targets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bundled Java daemon, run as its own process like the peers are, so that a crash, a
 * SIGSTOP or a SIGKILL hits the daemon and not the suite. It runs the runnable jar named by
 * the system property {@value #JAR_PROPERTY} ({@code java -jar vfc-daemon-VERSION-all.jar},
 * the way users run it), or, when that is not set, the daemon classes on this JVM's class
 * path.
 */
public final class JavaDaemonTarget implements DaemonTarget {

    public static final String NAME = "java";
    public static final String JAR_PROPERTY = "vfc.daemon.jar";
    static final String MAIN_CLASS = "dev.vfc.daemon.Main";

    private final List<String> daemonArgs;

    public JavaDaemonTarget() {
        this(List.of());
    }

    /** A Java daemon always started with {@code daemonArgs} too (e.g. {@code --inject-fault read-limit-1mib}). */
    public JavaDaemonTarget(List<String> daemonArgs) {
        this.daemonArgs = List.copyOf(daemonArgs);
    }

    @Override
    public String name() {
        return daemonArgs.isEmpty() ? NAME : NAME + " " + String.join(" ", daemonArgs);
    }

    @Override
    public Availability availability() {
        Optional<Path> jar = jar();
        if (jar.isPresent() && !Files.isRegularFile(jar.get())) {
            return Availability.unavailable(JAR_PROPERTY + " names " + jar.get()
                    + ", which does not exist: run 'mvn package -pl daemon' first");
        }
        if (jar.isEmpty() && !onClassPath()) {
            return Availability.unavailable("neither " + JAR_PROPERTY + " is set nor " + MAIN_CLASS
                    + " on the class path");
        }
        return Availability.available(jar.map(JavaDaemonTarget::versionOf).orElse("vfc-daemon, classes on the class path"));
    }

    /** {@code vfc-daemon 0.1.0 (vfc-daemon-0.1.0-all.jar)}: the version the shaded jar's name carries. */
    static String versionOf(Path jar) {
        String file = jar.getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("vfc-daemon-(.+)-all\\.jar").matcher(file);
        return (m.matches() ? "vfc-daemon " + m.group(1) : "vfc-daemon") + " (" + file + ")";
    }

    /** The command line for {@code launch}, with this JVM's own java binary. */
    public List<String> commandLine(DaemonLaunch launch) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Optional<Path> jar = jar();
        if (jar.isPresent()) {
            argv.add("-jar");
            argv.add(jar.get().toString());
        } else {
            argv.add("-cp");
            argv.add(System.getProperty("java.class.path"));
            argv.add(MAIN_CLASS);
        }
        argv.add("--socket-path=" + launch.socketPath());
        argv.add("--shared-dir=" + launch.sharedDir());
        argv.add("--log-level=debug");
        argv.addAll(daemonArgs);
        argv.addAll(launch.extraArgs());
        return argv;
    }

    @Override
    public RunningDaemon start(DaemonLaunch launch) throws IOException {
        if (availability() instanceof Availability.Unavailable u) {
            throw new IOException("target '" + name() + "' is unavailable: " + u.reason());
        }
        return ProcessDaemon.launcher(NAME, commandLine(launch)).start(launch);
    }

    private static Optional<Path> jar() {
        String property = System.getProperty(JAR_PROPERTY);
        return property == null || property.isBlank() ? Optional.empty() : Optional.of(Path.of(property));
    }

    private static boolean onClassPath() {
        try {
            Class.forName(MAIN_CLASS, false, JavaDaemonTarget.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
