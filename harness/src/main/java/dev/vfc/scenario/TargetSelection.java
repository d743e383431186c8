package dev.vfc.scenario;

import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.RustImage;
import dev.vfc.targets.RustRelease;
import dev.vfc.targets.Targets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which daemons a run covers, and which of them must run: the system property {@value #PROPERTY}
 * or the environment variable {@value #ENVIRONMENT}, a comma-separated list of target specs
 * ({@link Targets#byName}: {@code java}, {@code c[=PATH]}, {@code rust[=PATH]},
 * {@code container:IMAGE}, each optionally {@code NAME@SPEC} and with {@code +-ARG}s); by default
 * the bundled daemon and {@link #PEERS}. {@value #REQUIRE_PROPERTY} (or {@value #REQUIRE_ENVIRONMENT})
 * lists target names that must be available, or {@code all}: a required target that cannot run
 * fails the run instead of turning into SKIPPED verdicts and a green build.
 */
public final class TargetSelection {

    public static final String PROPERTY = "vfc.targets";
    public static final String ENVIRONMENT = "VFC_TARGETS";
    public static final String REQUIRE_PROPERTY = "vfc.require";
    public static final String REQUIRE_ENVIRONMENT = "VFC_REQUIRE";
    /** In a require list: every selected target. */
    public static final String ALL = "all";

    /** The Rust virtiofsd as Kata Containers configured it (GHSA-2gv2-cffp-j227): no sandbox. */
    public static final String RUST_SANDBOX_NONE = "rust-sandbox-none";

    /**
     * The daemons compared with the bundled one: the C virtiofsd; the Rust virtiofsd 1.13.2 as its
     * users run it by default (its namespace sandbox) and as Kata Containers ran it
     * ({@code --sandbox=none}); the next Rust release, 1.14.0, at its defaults, so the report's
     * columns show what changed between the two; and the Rust image, which runs
     * {@code --sandbox=none} because the container is its sandbox.
     */
    public static final List<String> PEERS = List.of("c", "rust", RUST_SANDBOX_NONE + "@rust+--sandbox=none",
            RustRelease.V1_14.target(), "container:" + RustImage.NAME);
    public static final String DEFAULT = "java," + String.join(",", PEERS);

    private TargetSelection() {
    }

    /**
     * The build's targets.
     *
     * @throws IllegalArgumentException for a bad spec, and {@link RequiredTargetUnavailable} when a
     *     required target cannot run
     */
    public static List<DaemonTarget> fromEnvironment() {
        List<DaemonTarget> targets = parse(setting(PROPERTY, ENVIRONMENT, DEFAULT));
        checkRequired(targets, requiredNames(setting(REQUIRE_PROPERTY, REQUIRE_ENVIRONMENT, "")));
        return targets;
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** @throws IllegalArgumentException naming the bad spec, or two targets of one name */
    public static List<DaemonTarget> parse(String specs) {
        return Targets.all(Arrays.stream(specs.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    /** The names of a require list ({@code rust,c} or {@code all}), blanks dropped. */
    public static Set<String> requiredNames(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /**
     * Checks that every required target is among {@code targets} and available (probing it).
     *
     * @throws RequiredTargetUnavailable with one line: which target and why
     */
    public static void checkRequired(List<DaemonTarget> targets, Set<String> required) {
        if (required.isEmpty()) {
            return;
        }
        unknownRequired(targets, required).ifPresent(problem -> {
            throw new RequiredTargetUnavailable(problem);
        });
        for (DaemonTarget t : targets) {
            if ((required.contains(ALL) || required.contains(t.name()))
                    && t.availability() instanceof Availability.Unavailable u) {
                throw new RequiredTargetUnavailable("required target " + t.name() + " cannot run: "
                        + u.reason().replaceAll("\\s*\\R\\s*", " "));
            }
        }
    }

    /** Which required names are no target of this run, in one line; empty when all are. */
    public static java.util.Optional<String> unknownRequired(List<DaemonTarget> targets, Set<String> required) {
        List<String> names = targets.stream().map(DaemonTarget::name).toList();
        List<String> unknown = new ArrayList<>();
        for (String name : required) {
            if (!name.equals(ALL) && !names.contains(name)) {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("required target" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                + " not among the targets of this run (" + String.join(", ", names) + ")");
    }

    /** A required target cannot run: the run fails with this one line. */
    public static final class RequiredTargetUnavailable extends IllegalStateException {
        public RequiredTargetUnavailable(String message) {
            super(message);
        }
    }
}
