package dev.vfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.passthrough.InodeFileHandles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Rust virtiofsd 1.13 options beyond the basic ones, and the C daemon's -o forms. */
class CommandLineTest {

    @TempDir
    Path dir;

    private DaemonOptions parse(String... extra) throws UsageException {
        List<String> args = new ArrayList<>(List.of("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir));
        args.addAll(List.of(extra));
        return DaemonOptions.parse(args);
    }

    @Test
    void everyFeatureFlagParsesIntoItsSetting() throws Exception {
        DaemonOptions o = parse("--posix-acl", "--announce-submounts", "--allow-direct-io", "--writeback",
                "--allow-mmap", "--killpriv-v2", "--security-label", "--preserve-noatime", "--syslog",
                "--inode-file-handles=mandatory", "--rlimit-nofile", "4096", "--tag=fs0", "--no-readdirplus");
        var f = o.features();
        assertThat(List.of(f.posixAcl(), f.announceSubmounts(), f.allowDirectIo(), f.writeback(), f.allowMmap(),
                f.killprivV2(), f.securityLabel(), f.preserveNoatime(), o.daemon().syslog())).containsOnly(true);
        assertThat(f.inodeFileHandles()).isEqualTo(InodeFileHandles.MANDATORY);
        assertThat(o.daemon().rlimitNofile()).isEqualTo(OptionalLong.of(4096));
        assertThat(o.daemon().tag()).contains("fs0");
        assertThat(o.daemon().readdirplus()).isFalse();
        assertThat(o.xattr()).as("--posix-acl implies --xattr").isTrue();
    }

    @Test
    void defaultsAreTheRustDaemons() throws Exception {
        DaemonOptions o = parse();
        assertThat(o.features().inodeFileHandles()).isEqualTo(InodeFileHandles.PREFER);
        assertThat(o.features().writeback()).isFalse();
        assertThat(o.daemon().readdirplus()).isTrue();
        assertThat(o.daemon().rlimitNofile()).isEmpty();
        assertThat(o.daemon().tag()).isEmpty();
        assertThat(o.xattr()).isFalse();
    }

    @Test
    void theNoFormsUndoTheirOptionsAndCacheNeverTurnsReaddirplusOff() throws Exception {
        DaemonOptions o = parse("--killpriv-v2", "--no-killpriv-v2", "--announce-submounts",
                "--no-announce-submounts");
        assertThat(o.features().killprivV2()).isFalse();
        assertThat(o.features().announceSubmounts()).isFalse();
        assertThat(parse("--cache=never").daemon().readdirplus()).isFalse();
    }

    @Test
    void xattrmapImpliesXattrAndFallbackIsPrefer() throws Exception {
        DaemonOptions o = parse("--xattrmap", ":map::user.virtiofs.:", "--inode-file-handles=fallback");
        assertThat(o.xattr()).isTrue();
        assertThat(o.features().xattrmap()).isPresent();
        assertThat(o.features().inodeFileHandles()).isEqualTo(InodeFileHandles.PREFER);
    }

    @Test
    void fdReplacesTheSocketPath() throws Exception {
        DaemonOptions o = DaemonOptions.parse(List.of("--fd=3", "--shared-dir", dir.toString()));
        assertThat(o.listen()).isEqualTo(new Listen.OnFd(3));
        assertThat(o.socketPath()).isNull();
        DaemonOptions g = parse("--socket-group", "kvm");
        assertThat(g.listen()).isEqualTo(new Listen.AtPath(dir.resolve("s"), Optional.of("kvm")));
    }

    @Test
    void theCDaemonsDashOFormsGiveSourceAndCacheAlsoCommaSeparated() throws Exception {
        DaemonOptions o = DaemonOptions.parse(List.of("--socket-path=" + dir.resolve("s"), "-o",
                "source=" + dir + ",cache=none"));
        assertThat(o.sharedDir()).isEqualTo(dir);
        assertThat(o.cache()).isEqualTo(DaemonOptions.Cache.NEVER);
        DaemonOptions p = DaemonOptions.parse(List.of("--socket-path=" + dir.resolve("s"), "-o", "source=" + dir,
                "-o", "cache=always"));
        assertThat(p.cache()).isEqualTo(DaemonOptions.Cache.ALWAYS);
        assertThat(DaemonOptions.parse(List.of("--socket-path=" + dir.resolve("s"), "-osource=" + dir + ",cache=auto"))
                .cache()).isEqualTo(DaemonOptions.Cache.AUTO);
    }

    @Test
    void printCapabilitiesNeedsNothingElse() throws Exception {
        assertThat(DaemonOptions.parse(List.of("--print-capabilities")).action())
                .isEqualTo(DaemonOptions.Action.PRINT_CAPABILITIES);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--fd=3 | --fd and --socket-path exclude each other",
        "--tag=0123456789012345678901234567890123456 | --tag must be 1 to 36 bytes, got 37",
        "--posix-acl --translate-uid=map:0:1000:1 | --posix-acl cannot be used with --translate-uid",
        "--translate-uid=map:0:1000 | needs 3 numbers, got 2",
        "--translate-uid=swap:0:1:1 | invalid id map type 'swap'",
        "--translate-gid=map:0:x:1 | invalid value 'x'",
        "--translate-uid=map:0:1000:10 --translate-uid=guest:5:0:1 | overlaps an earlier one",
        "--xattrmap=:ok:some::: | xattrmap rule 1: scope 'some'",
        "--inode-file-handles | needs '=never', '=prefer' or '=mandatory'",
        "--inode-file-handles=always | --inode-file-handles must be one of [never, prefer, mandatory]",
        "-o cache=sometimes | invalid compat value 'sometimes' for '-o cache'",
        "-o writeback | invalid compat argument '-o writeback'",
        "--rlimit-nofile=-1 | --rlimit-nofile must be between 0",
        "--syslog=yes | --syslog takes no value",
    })
    void badFeatureOptionsGiveOneLineThatNamesTheProblem(String extra, String expected) {
        List<String> args = new ArrayList<>(List.of("--socket-path=" + dir.resolve("s"), "--shared-dir=" + dir));
        args.addAll(List.of(extra.strip().split(" ")));
        assertThatThrownBy(() -> DaemonOptions.parse(args))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(expected.strip())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void socketGroupWithFdIsRefused() {
        assertThatThrownBy(() -> DaemonOptions.parse(List.of("--fd=3", "--socket-group=kvm", "--shared-dir=" + dir)))
                .hasMessage("--socket-group needs --socket-path, not --fd");
    }

    @Test
    void helpDocumentsEveryOptionTheParserKnowsAndWhatIsOutOfScope() throws Exception {
        Matcher m = Pattern.compile("case ((?:\"-[-a-zA-Z0-9]+\"(?:, )?)+) ->").matcher(
                java.nio.file.Files.readString(Path.of("src/main/java/dev/vfc/daemon/CommandLine.java")));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            for (String n : m.group(1).split(", ")) {
                names.add(n.replace("\"", ""));
            }
        }
        assertThat(names).contains("--tag", "--xattrmap", "-o");
        for (String n : names) {
            if (!n.equals("-h") && !n.equals("-V") && !n.equals("--socket")) {
                assertThat(DaemonOptions.USAGE).as(n).containsPattern("(?m)^ +" + Pattern.quote(n) + "[ =]");
            }
        }
        assertThat(DaemonOptions.USAGE).contains("--migration-mode", "--migration-on-error", "DAX", "Out of scope");
    }
}
