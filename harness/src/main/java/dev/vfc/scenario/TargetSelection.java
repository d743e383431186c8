package dev.vfc.scenario;

import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.Targets;
import java.util.Arrays;
import java.util.List;

/**
 * Which daemons a run covers: the system property {@value #PROPERTY} or the environment
 * variable {@value #ENVIRONMENT}, a comma-separated list of target specs ({@code java},
 * {@code c[=PATH]}, {@code rust[=PATH]}, {@code container:IMAGE}); by default the bundled
 * daemon, both peers and the CI-built Rust image.
 */
public final class TargetSelection {

    public static final String PROPERTY = "vfc.targets";
    public static final String ENVIRONMENT = "VFC_TARGETS";
    /** The daemons compared with the bundled one: the C and Rust virtiofsd, and the Rust image. */
    public static final List<String> PEERS = List.of("c", "rust", "container:" + dev.vfc.targets.RustImage.NAME);
    public static final String DEFAULT = "java," + String.join(",", PEERS);

    private TargetSelection() {
    }

    public static List<DaemonTarget> fromEnvironment() {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank()) {
            spec = System.getenv(ENVIRONMENT);
        }
        return parse(spec == null || spec.isBlank() ? DEFAULT : spec);
    }

    /** @throws IllegalArgumentException naming the bad spec */
    public static List<DaemonTarget> parse(String specs) {
        return Arrays.stream(specs.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Targets::byName)
                .toList();
    }
}
