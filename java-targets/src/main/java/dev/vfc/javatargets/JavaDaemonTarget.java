package dev.vfc.javatargets;

import dev.vfc.daemon.Main;
import dev.vfc.mutants.MutantDaemon;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.ProcessDaemon;
import dev.vfc.targets.RunningDaemon;
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
 * path (this module depends on the daemon, so they are there).
 */
public final class JavaDaemonTarget implements DaemonTarget {

    public static final String NAME = "java";
    public static final String JAR_PROPERTY = "vfc.daemon.jar";

    /** The spec kind of a mutant daemon: {@code java-mutant:NAME}. */
    public static final String MUTANT_KIND = "java-mutant";
    public static final String MUTANTS_JAR_PROPERTY = "vfc.mutants.jar";

    private final String name;
    private final String jarProperty;
    private final Class<?> mainClass;
    private final String module;
    private final List<String> daemonArgs;

    public JavaDaemonTarget() {
        this(List.of());
    }

    /** A Java daemon always started with {@code daemonArgs} too (e.g. {@code --inject-fault read-limit-1mib}). */
    public JavaDaemonTarget(List<String> daemonArgs) {
        this(daemonArgs.isEmpty() ? NAME : NAME + " " + String.join(" ", daemonArgs), JAR_PROPERTY, Main.class,
                "daemon", daemonArgs);
    }

    private JavaDaemonTarget(String name, String jarProperty, Class<?> mainClass, String module,
            List<String> daemonArgs) {
        this.name = name;
        this.jarProperty = jarProperty;
        this.mainClass = mainClass;
        this.module = module;
        this.daemonArgs = List.copyOf(daemonArgs);
    }

    /**
     * The Java daemon with one bug of the mutant catalogue planted ({@code java-mutant:NAME}): the
     * runnable jar named by {@value #MUTANTS_JAR_PROPERTY}, {@code --mutant NAME}, then the same
     * options as the stock daemon, so it runs through the same process, socket and frontend.
     */
    public static JavaDaemonTarget mutant(String mutant) {
        return new JavaDaemonTarget(MUTANT_KIND + ":" + mutant, MUTANTS_JAR_PROPERTY, MutantDaemon.class, "mutants",
                List.of("--mutant=" + mutant));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Availability availability() {
        Optional<Path> jar = jar();
        if (jar.isPresent() && !Files.isRegularFile(jar.get())) {
            return Availability.unavailable(jarProperty + " names " + jar.get()
                    + ", which does not exist: run 'mvn package -pl " + module + " -am' first");
        }
        return Availability.available(jar.map(JavaDaemonTarget::versionOf).orElse("vfc-daemon, classes on the class path"));
    }

    /** {@code vfc-daemon 0.1.0 (vfc-daemon-0.1.0-all.jar)}: the version the shaded jar's name carries. */
    static String versionOf(Path jar) {
        String file = jar.getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(vfc-[a-z]+)-(.+)-all\\.jar").matcher(file);
        return (m.matches() ? m.group(1) + " " + m.group(2) : "vfc-daemon") + " (" + file + ")";
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
            argv.add(mainClass.getName());
        }
        argv.add("--socket-path=" + launch.socketPath());
        argv.add("--shared-dir=" + launch.sharedDir());
        if (launch.suiteSettings()) {
            argv.add("--log-level=debug");
        }
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

    private Optional<Path> jar() {
        String property = System.getProperty(jarProperty);
        return property == null || property.isBlank() ? Optional.empty() : Optional.of(Path.of(property));
    }

    @Override
    public String toString() {
        return name();
    }
}
