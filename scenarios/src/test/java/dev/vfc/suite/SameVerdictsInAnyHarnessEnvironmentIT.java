package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.targets.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same binary gets the same verdicts whatever the harness's own environment holds: the
 * Rust virtiofsd on the scenarios whose ending depended on {@code RUST_BACKTRACE} (a worker
 * panic: with it set, the backtrace printer's {@code getcwd} trips the daemon's seccomp filter
 * and the whole daemon dies of SIGSYS; without it only the worker dies). The harness runs in a
 * child JVM, once with {@code RUST_BACKTRACE=1} in its environment and once without, and both
 * runs must give the same verdict per scenario. It fails if a daemon inherits the harness's
 * environment.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SameVerdictsInAnyHarnessEnvironmentIT {

    private static final String SCENARIOS = "robustness/header/truncated/*,sizing/read/under-16/*";

    @ParameterizedTest(name = "{0} gets the same verdicts with and without RUST_BACKTRACE in the harness")
    @ValueSource(strings = {"rust", "rust-sandbox-none@rust+--sandbox=none"})
    void the_rust_daemon_gets_the_same_verdicts_with_and_without_RUST_BACKTRACE_in_the_harness(String target)
            throws Exception {
        Assumptions.assumeTrue(Targets.byName(target).availability().isAvailable(),
                () -> "target " + target + ": " + Targets.byName(target).availability().describe());
        Map<String, String> without = verdicts(target, false);
        Map<String, String> with = verdicts(target, true);
        assertThat(without).hasSize(ScenariosOf.count(SCENARIOS));
        assertThat(with).as("verdicts with RUST_BACKTRACE=1 in the harness's environment, against those without it")
                .isEqualTo(without);
    }

    /**
     * What happened, without the parts that vary from run to run (log lines, times): the detail
     * up to its first ':', e.g. "a worker died" (the process lived on) or "daemon died during a
     * request on queue 1" (it exited). Both are CRASH on the conformance axis, but on the
     * hardening axis the first is a HANG and the second a FAIL-STOP, so they must agree too.
     */
    static String outcome(String detail) {
        int colon = detail.indexOf(':');
        return colon < 0 ? detail : detail.substring(0, colon);
    }

    /** Scenario id to verdict kind and outcome, from a child JVM with or without RUST_BACKTRACE=1. */
    private static Map<String, String> verdicts(String target, boolean backtrace) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VerdictsOf.class.getName(), target, SCENARIOS)
                .redirectErrorStream(true);
        pb.environment().remove("RUST_BACKTRACE");
        if (backtrace) {
            pb.environment().put("RUST_BACKTRACE", "1");
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("the child JVM's exit; its output:\n" + output).isZero();
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : output.lines().filter(l -> l.startsWith("VERDICT ")).toList()) {
            List<String> parts = List.of(line.split(" ", 4));
            out.put(parts.get(1), parts.get(2) + " " + outcome(parts.size() > 3 ? parts.get(3) : ""));
            System.out.println("[" + target + (backtrace ? ", RUST_BACKTRACE=1] " : ", no RUST_BACKTRACE] ") + line);
        }
        System.out.println("RUST_BACKTRACE " + (backtrace ? "=1" : "unset") + ": " + out);
        return out;
    }

    /** How many scenarios a glob picks. */
    private static final class ScenariosOf {
        static int count(String glob) {
            return dev.vfc.scenario.ScenarioGlob.of(glob).filter(Suite.all()).size();
        }
    }
}
