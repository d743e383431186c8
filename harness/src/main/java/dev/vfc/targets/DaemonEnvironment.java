package dev.vfc.targets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment every daemon starts with, process or container: cleared, then only
 * {@link #BASE}. Nothing of the harness's own environment reaches a daemon, because a daemon's
 * reaction to hostile input can depend on it: with {@code RUST_BACKTRACE} set, a Rust worker's
 * panic runs the backtrace printer, which calls {@code getcwd}, which the Rust virtiofsd's default
 * seccomp list does not allow, so the whole daemon dies of SIGSYS; without it only the worker
 * thread dies and the daemon keeps its socket (Rust's std::panic documentation on
 * {@code RUST_BACKTRACE}; virtiofsd's {@code src/seccomp.rs} allow list). The same binary must
 * get the same verdict on every machine.
 *
 * <p>{@code PATH} is the one variable kept, set to the system directories, so a daemon that
 * looks up a helper (a shell-out, {@code newuidmap}) finds the system's and not one from the
 * harness's {@code PATH}. {@code LANG} and {@code LC_*} are left unset: glibc then uses the
 * "C" locale (setlocale(3): "C" is the default at program start and for empty or unset
 * variables), so {@code LANG=C} would change nothing and is not passed.
 */
public final class DaemonEnvironment {

    /** The whole environment of a daemon, unless its target adds to it (and records that). */
    public static final Map<String, String> BASE = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

    private DaemonEnvironment() {
    }

    /** {@link #BASE} plus {@code extra}, in a stable order (for results files). */
    public static Map<String, String> with(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(BASE);
        all.putAll(extra);
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Replaces whatever {@code target} holds (a {@link ProcessBuilder}'s inherited copy) with {@code env}. */
    static void replace(Map<String, String> target, Map<String, String> env) {
        target.clear();
        target.putAll(env);
    }
}
