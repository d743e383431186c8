package dev.vfc.targets;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A target under a name of the user's choosing, with extra daemon arguments: {@code stock@rust},
 * {@code patched@rust=/opt/virtiofsd/run}, {@code rust-sandbox-none@rust+--sandbox=none}. Results,
 * report columns and baselines use {@link #name()}; everything else is the underlying target's.
 */
public final class ConfiguredTarget implements DaemonTarget {

    private final String name;
    private final DaemonTarget base;
    private final List<String> arguments;

    public ConfiguredTarget(String name, DaemonTarget base, List<String> arguments) {
        this.name = Objects.requireNonNull(name, "name");
        this.base = Objects.requireNonNull(base, "base");
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public String name() {
        return name;
    }

    /** The target this one configures. */
    public DaemonTarget base() {
        return base;
    }

    /** What is appended to each of its daemons' command lines. */
    public List<String> arguments() {
        return arguments;
    }

    @Override
    public Availability availability() {
        return base.availability();
    }

    @Override
    public RunningDaemon start(DaemonLaunch launch) throws IOException {
        return base.start(launch.plusExtraArgs(arguments.toArray(String[]::new)));
    }

    @Override
    public List<String> argumentsFor(DaemonFeature feature) {
        return base.argumentsFor(feature);
    }

    @Override
    public Map<String, String> environment() {
        return base.environment();
    }

    @Override
    public String kind() {
        return base.kind();
    }

    @Override
    public String toString() {
        return name + " (" + base + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments)) + ")";
    }
}
