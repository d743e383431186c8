package dev.vfc.targets;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Turns a target spec (from the command line or a configuration) into a {@link DaemonTarget}.
 *
 * <p>A spec is {@code [NAME@]KIND[+-ARG...]}:
 * <ul>
 *   <li>{@code KIND} is {@code c[=PATH]}, {@code rust[=PATH]} (1.13.2 unless a PATH is given),
 *       {@code rust-1.14} (the pinned 1.14.0), {@code container:IMAGE} or a kind
 *       another module contributes ({@link TargetKind}: {@code java}, {@code java-inprocess},
 *       {@code java-mutant:NAME} when the Java targets are on the class path);</li>
 *   <li>{@code NAME@} names the target in results, report columns and baselines; the text before
 *       the first {@code @} is a name only if it holds no {@code :} and no {@code =}, so
 *       {@code container:img@sha256:...} and {@code rust=/opt/a@b/virtiofsd} keep their
 *       {@code @};</li>
 *   <li>each {@code +-ARG} appends one argument (it starts with {@code -}) to the daemon's command
 *       line: {@code rust+--sandbox=none}, {@code c+-ocache=none}. Only a {@code +} followed by a
 *       {@code -} starts an argument, so paths and images with a {@code +} still work. Without a
 *       name, such a target is named after the whole spec.</li>
 * </ul>
 */
public final class Targets {

    private static final List<String> BUILT_IN_FORMS = List.of("c", "c=/path/to/virtiofsd", "rust",
            "rust=/path/to/virtiofsd", RustRelease.V1_14.target(), "container:IMAGE");

    /** The kinds on the class path, in the order their service files list them. */
    private static final List<TargetKind> CONTRIBUTED = ServiceLoader.load(TargetKind.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    /** A target's name: what a results file, a report column and a baseline file are named after. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Targets() {
    }

    /** The spec forms {@link #byName} understands here, for help texts. */
    public static List<String> specForms() {
        List<String> forms = new ArrayList<>();
        CONTRIBUTED.forEach(k -> forms.addAll(k.forms()));
        forms.addAll(BUILT_IN_FORMS);
        forms.addAll(List.of("NAME@SPEC", "SPEC+-ARG"));
        return forms;
    }

    /**
     * The target of one spec.
     *
     * @throws IllegalArgumentException with a one-line reason for anything else
     */
    public static DaemonTarget byName(String spec) {
        if (spec == null || spec.isBlank()) {
            throw bad(spec, "the spec is empty");
        }
        String s = spec.strip();
        Optional<String> name = Optional.empty();
        int at = s.indexOf('@');
        if (at >= 0 && s.substring(0, at).indexOf(':') < 0 && s.substring(0, at).indexOf('=') < 0) {
            String given = s.substring(0, at);
            if (!NAME.matcher(given).matches()) {
                throw bad(spec, "a target name is a letter or digit, then letters, digits, '.', '_' or '-'");
            }
            name = Optional.of(given);
            s = s.substring(at + 1);
        }
        int plus = s.indexOf("+-");
        List<String> arguments = plus < 0 ? List.of() : Arrays.asList(s.substring(plus + 1).split("\\+(?=-)"));
        DaemonTarget base = base(spec, plus < 0 ? s : s.substring(0, plus));
        if (name.isEmpty() && arguments.isEmpty()) {
            return base;
        }
        return new ConfiguredTarget(name.orElse(s), base, arguments);
    }

    /**
     * The targets of several specs, in order.
     *
     * @throws IllegalArgumentException naming a bad spec, or two targets whose results would
     *     share a name (give one of them a NAME@)
     */
    public static List<DaemonTarget> all(List<String> specs) {
        List<DaemonTarget> targets = new ArrayList<>();
        Map<String, String> byFile = new HashMap<>();
        for (String spec : specs) {
            DaemonTarget target = byName(spec);
            String file = fileStem(target.name());
            String earlier = byFile.putIfAbsent(file, target.name());
            if (earlier != null) {
                throw new IllegalArgumentException("two targets are named '" + earlier + "'"
                        + (earlier.equals(target.name()) ? "" : " and '" + target.name() + "' (the same results file)")
                        + ": name one of them with NAME@SPEC, e.g. patched@" + spec.strip());
            }
            targets.add(target);
        }
        return List.copyOf(targets);
    }

    /** What a target's results and baseline files are named after: its name, '-' for anything unsafe. */
    public static String fileStem(String targetName) {
        return targetName.replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    private static DaemonTarget base(String spec, String s) {
        int eq = s.indexOf('=');
        int colon = s.indexOf(':');
        int cut = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        String kind = cut < 0 ? s : s.substring(0, cut);
        String arg = cut < 0 ? null : s.substring(cut + 1);
        for (TargetKind k : CONTRIBUTED) {
            if (kind.equals(k.kind())) {
                try {
                    return k.create(cut < 0 ? 0 : s.charAt(cut), arg);
                } catch (IllegalArgumentException e) {
                    throw bad(spec, e.getMessage());
                }
            }
        }
        if (kind.equals("container")) {
            if (arg == null || s.charAt(cut) != ':' || arg.isBlank()) {
                throw bad(spec, "give the image as container:IMAGE");
            }
            return new ContainerTarget(arg.strip());
        }
        if (kind.equals(RustVirtiofsdTarget.NAME)) {
            if (arg == null) {
                return new RustVirtiofsdTarget();
            }
            return new RustVirtiofsdTarget(binary(spec, s.charAt(cut), arg, "rust"));
        }
        if (kind.equals(RustRelease.V1_14.target())) {
            if (arg != null) {
                throw bad(spec, kind + " is the pinned Debian " + RustRelease.V1_14.debianVersion()
                        + "; run another binary as rust=/path/to/virtiofsd");
            }
            return RustVirtiofsdTarget.pinned(RustRelease.V1_14);
        }
        if (kind.equals(CVirtiofsdTarget.NAME)) {
            if (arg == null) {
                return new CVirtiofsdTarget();
            }
            return new CVirtiofsdTarget(binary(spec, s.charAt(cut), arg, "c"));
        }
        throw bad(spec, "unknown target kind '" + kind + "'");
    }

    /** The PATH of {@code kind=PATH}, or the reason the spec is bad. */
    private static Path binary(String spec, char separator, String arg, String kind) {
        if (separator != '=' || arg.isBlank()) {
            throw bad(spec, "give the binary as " + kind + "=/path/to/virtiofsd");
        }
        try {
            return Path.of(arg.strip());
        } catch (InvalidPathException e) {
            throw bad(spec, "not a valid path: " + e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String spec, String reason) {
        String shown = spec == null ? "null" : "'" + spec.replaceAll("\\R", " ") + "'";
        return new IllegalArgumentException("bad target spec " + shown + ": " + reason.replaceAll("\\R", " ")
                + " (expected " + String.join(" or ", specForms()) + ")");
    }
}
