package dev.vfc.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervising shell of the pid namespace, run for real with /bin/sh (no namespace: what it
 * owes its caller is signals passed on and the child's ending passed back).
 */
class PidNamespaceSupervisorTest {

    @TempDir
    Path dir;

    private Process supervise(String childScript) throws IOException {
        List<String> supervised = PidNamespace.supervised(Path.of("/usr/bin/unshare"), List.of("/bin/sh", "-c", childScript));
        // The shell alone, without the pid namespace, which needs root (the ITs run it whole).
        List<String> argv = new ArrayList<>(supervised.subList(supervised.indexOf("--") + 1, supervised.size()));
        return new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    @Test
    void theChildsExitStatusIsTheSupervisors() throws Exception {
        Process p = supervise("exit 3");
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
    }

    @Test
    void sigtermReachesTheChildWhichEndsAsItChooses() throws Exception {
        Process p = supervise("trap 'echo got-term > seen; exit 0' TERM; touch ready; while :; do sleep 0.05; done");
        awaitFile(dir.resolve("ready"));
        p.destroy(); // SIGTERM to the supervisor
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("seen"), StandardCharsets.US_ASCII)).isEqualTo("got-term\n");
    }

    @Test
    void aChildKilledByASignalKillsTheSupervisorWithTheSameSignal() throws Exception {
        Process p = supervise("kill -s KILL $$");
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(128 + 9);
    }

    @Test
    void theChildHasInterruptAtItsDefaultAndTheCallersStandardInput() throws Exception {
        Process p = supervise("grep SigIgn /proc/self/status; read line; echo \"in:$line\"");
        p.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        long ignored = Long.parseLong(out.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow()
                .substring("SigIgn:".length()).trim(), 16);
        long interruptAndQuit = 1L << (2 - 1) | 1L << (3 - 1); // SIGINT 2, SIGQUIT 3 (signal(7))
        assertThat(ignored & interruptAndQuit).isZero();
        assertThat(out).contains("in:hello");
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(file); i++) {
            Thread.sleep(25);
        }
        assertThat(file).exists();
    }
}
