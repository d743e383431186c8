package dev.vfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.sandbox.IdRange;
import dev.vfc.sandbox.PassthroughCapabilities;
import dev.vfc.sandbox.SandboxMode;
import dev.vfc.sandbox.SeccompAction;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaemonOptionsTest {

    @TempDir
    Path dir;

    private DaemonOptions parse(String... args) throws UsageException {
        return DaemonOptions.parse(List.of(args));
    }

    @Test
    void theRustDaemonsOptionsParseInBothSpellings() throws Exception {
        DaemonOptions o = parse("--socket-path", dir.resolve("s").toString(), "--shared-dir=" + dir,
                "--thread-pool-size=4", "--cache", "never", "--xattr", "--readonly", "--log-level=debug");
        assertThat(o.socketPath()).isEqualTo(dir.resolve("s"));
        assertThat(o.sharedDir()).isEqualTo(dir);
        assertThat(o.threadPoolSize()).isEqualTo(4);
        assertThat(o.cache()).isEqualTo(DaemonOptions.Cache.NEVER);
        assertThat(o.xattr()).isTrue();
        assertThat(o.readonly()).isTrue();
        assertThat(o.logLevel()).isEqualTo(DaemonOptions.LogLevel.DEBUG);
        assertThat(o.action()).isEqualTo(DaemonOptions.Action.SERVE);
    }

    @Test
    void defaultsFollowTheRustDaemon() throws Exception {
        DaemonOptions o = parse("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir);
        assertThat(o.threadPoolSize()).isZero();
        assertThat(o.cache()).isEqualTo(DaemonOptions.Cache.AUTO);
        assertThat(o.xattr()).isFalse();
        assertThat(o.readonly()).isFalse();
        assertThat(o.logLevel()).isEqualTo(DaemonOptions.LogLevel.INFO);
        assertThat(o.requestQueues()).isEqualTo(1);
        assertThat(o.fault()).isEmpty();
        assertThat(o.sandbox().mode()).isEqualTo(SandboxMode.NAMESPACE);
        assertThat(o.sandbox().seccomp()).isEqualTo(SeccompAction.KILL);
        assertThat(o.sandbox().capabilities()).isEqualTo(PassthroughCapabilities.SERVING);
    }

    @Test
    void sandboxAndSeccompTakeTheRustDaemonsValues() throws Exception {
        DaemonOptions o = parse("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir, "--sandbox", "chroot",
                "--seccomp=log");
        assertThat(o.sandbox().mode()).isEqualTo(SandboxMode.CHROOT);
        assertThat(o.sandbox().seccomp()).isEqualTo(SeccompAction.LOG);
        assertThat(parse("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir, "--sandbox=none",
                "--seccomp=trap").sandbox().seccomp()).isEqualTo(SeccompAction.TRAP);
    }

    @Test
    void modcapsChangesWhatTheServingThreadsKeepAndTheMapsAreTheRustSyntax() throws Exception {
        DaemonOptions o = parse("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir,
                "--modcaps=+SYS_NICE:-mknod", "--uid-map=:0:100000:65536:", "--gid-map", "/0/200000/10/");
        // sys_nice is 23, mknod 27 (linux/capability.h).
        assertThat(o.sandbox().capabilities()).contains(23).doesNotContain(27)
                .hasSize(PassthroughCapabilities.SERVING.size());
        assertThat(o.sandbox().uidMap()).contains(new IdRange(0, 100000, 65536));
        assertThat(o.sandbox().gidMap()).contains(new IdRange(0, 200000, 10));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "--modcaps=chown#--modcaps: 'chown' must start with + or -",
        "--modcaps=+chown::-fowner#--modcaps: empty entry in '+chown::-fowner', expected (+|-)capability:...",
        "--modcaps=+flying#--modcaps: no capability 'flying'",
        "--uid-map=0:1:2#--uid-map: '0:1:2' must start and end with the same delimiter, as :inside:outside:count:",
        "--gid-map=:0:1:#--gid-map: ':0:1:' needs three numbers, as :inside:outside:count:",
        "--uid-map=:0:1:0:#--uid-map: id range out of bounds: 0, 1, 0"})
    void badSandboxValuesAreOneLineNamingTheOption(String arg, String message) {
        assertThatThrownBy(() -> parse("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir, arg))
                .isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void theFaultInjectionNamesTheRustReadLimit() throws Exception {
        DaemonOptions o = parse("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir,
                "--inject-fault", "read-limit-1mib");
        assertThat(o.fault()).isEqualTo(Optional.of(DaemonOptions.Fault.READ_LIMIT_1MIB));
    }

    @Test
    void theNotificationFaultsAreNamedAsTheUsageSays() throws Exception {
        assertThat(parse("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir,
                "--inject-fault=no-call-notification").fault())
                .isEqualTo(Optional.of(DaemonOptions.Fault.NO_CALL_NOTIFICATION));
        assertThat(parse("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir,
                "--inject-fault=no-call-after-renew").fault())
                .isEqualTo(Optional.of(DaemonOptions.Fault.NO_CALL_AFTER_RENEW));
        assertThat(DaemonOptions.USAGE).contains("no-call-notification", "no-call-after-renew");
    }

    @Test
    void helpAndVersionNeedNothingElse() throws Exception {
        assertThat(parse("--help").action()).isEqualTo(DaemonOptions.Action.HELP);
        assertThat(parse("--version").action()).isEqualTo(DaemonOptions.Action.VERSION);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--bogus | unknown option '--bogus'",
        "--shared-dir=/ | --socket-path is required",
        "--socket-path=/tmp/s | --shared-dir is required",
        "--socket-path=/tmp/s --shared-dir=/no/such/dir | is not a directory",
        "--socket-path=/no/such/dir/s --shared-dir=/ | does not exist",
        "--socket-path=/tmp/s --shared-dir=/ --cache=sometimes | --cache must be one of [auto, always, never]",
        "--socket-path=/tmp/s --shared-dir=/ --thread-pool-size=x | --thread-pool-size needs a number",
        "--socket-path=/tmp/s --shared-dir=/ --thread-pool-size=-1 | must be between 0 and 1024",
        "--socket-path=/tmp/s --shared-dir=/ --xattr=yes | --xattr takes no value",
        "--socket-path | --socket-path needs a value",
        "--socket-path=/tmp/s --shared-dir=/ --log-level=loud | --log-level must be one of",
        "--socket-path=/tmp/s --shared-dir=/ --sandbox=jail | --sandbox must be one of [namespace, chroot, none]",
        "--socket-path=/tmp/s --shared-dir=/ --seccomp=maybe | --seccomp must be one of [kill, log, trap, none]",
    })
    void badCommandLinesGiveOneLineThatNamesTheProblem(String line, String expected) {
        assertThatThrownBy(() -> DaemonOptions.parse(List.of(line.split(" "))))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(expected.strip())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
