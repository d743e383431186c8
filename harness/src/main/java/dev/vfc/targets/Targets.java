package dev.vfc.targets;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Turns a target spec (from the command line or a configuration) into a {@link DaemonTarget}. */
public final class Targets {

    /** The spec forms {@link #byName} understands, for help texts. */
    public static final List<String> SPEC_FORMS = List.of("java", "java-inprocess", "c", "c=/path/to/virtiofsd", "rust", "rust=/path/to/virtiofsd", "container:IMAGE");

    /** Kinds the design plans but that are not implemented yet. */

    private Targets() {
    }

    /**
     * "c" is the C virtiofsd at {@code /usr/lib/qemu/virtiofsd}; "c=/path/to/virtiofsd" is
     * a C virtiofsd at that path.
     *
     * @throws IllegalArgumentException with a one-line reason for anything else
     */
    public static DaemonTarget byName(String spec) {
        if (spec == null || spec.isBlank()) {
            throw bad(spec, "the spec is empty");
        }
        String s = spec.strip();
        int eq = s.indexOf('=');
        int colon = s.indexOf(':');
        int cut = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        String kind = cut < 0 ? s : s.substring(0, cut);
        String arg = cut < 0 ? null : s.substring(cut + 1);
        if (kind.equals(InProcessJavaTarget.NAME)) {
            if (arg != null) {
                throw bad(spec, "the java-inprocess target takes no argument");
            }
            return new InProcessJavaTarget();
        }
        if (kind.equals(JavaDaemonTarget.NAME)) {
            if (arg != null) {
                throw bad(spec, "the java target takes no argument");
            }
            return new JavaDaemonTarget();
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
                + " (expected " + String.join(" or ", SPEC_FORMS) + ")");
    }
}
