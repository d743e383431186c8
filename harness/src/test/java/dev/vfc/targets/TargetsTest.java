package dev.vfc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TargetsTest {

    @Test
    void c_is_the_packaged_C_virtiofsd() {
        DaemonTarget target = Targets.byName("c");
        assertThat(target).isInstanceOf(CVirtiofsdTarget.class);
        assertThat(target.name()).isEqualTo("c");
        assertThat(((CVirtiofsdTarget) target).binary()).isEqualTo(Path.of("/usr/lib/qemu/virtiofsd"));
    }

    @Test
    void c_with_a_path_is_a_C_virtiofsd_at_that_path_and_keeps_the_name_c() {
        DaemonTarget target = Targets.byName("c=/opt/qemu/libexec/virtiofsd");
        assertThat(target.name()).isEqualTo("c");
        assertThat(((CVirtiofsdTarget) target).binary()).isEqualTo(Path.of("/opt/qemu/libexec/virtiofsd"));
    }

    @Test
    void surrounding_blanks_are_ignored() {
        assertThat(Targets.byName("  c  ").name()).isEqualTo("c");
    }

    @ParameterizedTest(name = "spec \"{0}\" is refused with a one-line reason")
    @ValueSource(strings = {"", "   ", "c=", "c:/usr/bin/virtiofsd", "C", "qemu", "rust:x", "java=/x", "container:", "container=alpine",
        "bad\nspec", "@rust", "-x@rust", "a b@rust", "stock@", "stock@qemu", "stock@rust:x", "rust+x", "na/me@rust"})
    void a_bad_spec_is_refused_with_a_one_line_reason(String spec) {
        assertThatThrownBy(() -> Targets.byName(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad target spec")
                .hasMessageContaining("expected c or c=/path/to/virtiofsd or rust or rust=/path/to/virtiofsd or rust-1.14 or container:IMAGE or NAME@SPEC or SPEC+-ARG")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @Test
    void container_takes_any_image_name() {
        assertThat(Targets.byName("container:vfc/rust-virtiofsd:1.13.2")).isInstanceOf(ContainerTarget.class);
        assertThat(Targets.byName("container:vfc/rust-virtiofsd:1.13.2").name())
                .isEqualTo("container:vfc/rust-virtiofsd:1.13.2");
    }

    @Test
    void an_unknown_kind_is_named_in_the_reason() {
        assertThatThrownBy(() -> Targets.byName("qemu"))
                .hasMessage("bad target spec 'qemu': unknown target kind 'qemu' (expected c or c=/path/to/virtiofsd or rust or rust=/path/to/virtiofsd or rust-1.14 or container:IMAGE or NAME@SPEC or SPEC+-ARG)");
    }

    @Test
    void a_null_spec_is_refused() {
        assertThatThrownBy(() -> Targets.byName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_name_before_the_at_names_the_target_and_keeps_its_kind() {
        DaemonTarget stock = Targets.byName("stock@rust");
        assertThat(stock.name()).isEqualTo("stock");
        assertThat(stock.kind()).isEqualTo("rust");
        assertThat(((ConfiguredTarget) stock).base()).isInstanceOf(RustVirtiofsdTarget.class);
        assertThat(((ConfiguredTarget) stock).arguments()).isEmpty();
    }

    @Test
    void a_named_target_with_a_path_runs_that_binary() {
        DaemonTarget patched = Targets.byName("patched@rust=/opt/virtiofsd/run");
        assertThat(patched.name()).isEqualTo("patched");
        assertThat(((ConfiguredTarget) patched).base().toString()).isEqualTo("rust");
        DaemonTarget c = Targets.byName("mine@c=/opt/qemu/virtiofsd");
        assertThat(((CVirtiofsdTarget) ((ConfiguredTarget) c).base()).binary()).isEqualTo(Path.of("/opt/qemu/virtiofsd"));
    }

    @Test
    void an_at_after_a_colon_or_an_equals_sign_belongs_to_the_image_or_the_path() {
        DaemonTarget digest = Targets.byName("container:img@sha256:ab12");
        assertThat(digest).isInstanceOf(ContainerTarget.class);
        assertThat(((ContainerTarget) digest).image()).isEqualTo("img@sha256:ab12");
        assertThat(digest.name()).isEqualTo("container:img@sha256:ab12");
        DaemonTarget named = Targets.byName("pinned@container:img@sha256:ab12");
        assertThat(named.name()).isEqualTo("pinned");
        assertThat(((ContainerTarget) ((ConfiguredTarget) named).base()).image()).isEqualTo("img@sha256:ab12");
        assertThat(((CVirtiofsdTarget) Targets.byName("c=/opt/a@b/virtiofsd")).binary())
                .isEqualTo(Path.of("/opt/a@b/virtiofsd"));
    }

    @Test
    void each_plus_dash_appends_one_daemon_argument() {
        ConfiguredTarget t = (ConfiguredTarget) Targets.byName("rust-sandbox-none@rust+--sandbox=none+--cache=never");
        assertThat(t.name()).isEqualTo("rust-sandbox-none");
        assertThat(t.arguments()).containsExactly("--sandbox=none", "--cache=never");
        ConfiguredTarget c = (ConfiguredTarget) Targets.byName("c+-ocache=none");
        assertThat(c.arguments()).containsExactly("-ocache=none");
        assertThat(c.name()).as("unnamed: named after the whole spec").isEqualTo("c+-ocache=none");
    }

    @Test
    void a_plus_without_a_dash_stays_in_the_path() {
        ConfiguredTarget t = (ConfiguredTarget) Targets.byName("x@c=/opt/qemu+7.2/virtiofsd+-d");
        assertThat(((CVirtiofsdTarget) t.base()).binary()).isEqualTo(Path.of("/opt/qemu+7.2/virtiofsd"));
        assertThat(t.arguments()).containsExactly("-d");
    }

    @Test
    void extra_arguments_reach_the_daemons_command_line_after_the_targets_own() throws Exception {
        java.util.List<DaemonLaunch> seen = new java.util.ArrayList<>();
        DaemonTarget base = new DaemonTarget() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public Availability availability() {
                return Availability.available("1");
            }

            @Override
            public RunningDaemon start(DaemonLaunch launch) {
                seen.add(launch);
                throw new UnsupportedOperationException("not started");
            }
        };
        ConfiguredTarget t = new ConfiguredTarget("n", base, java.util.List.of("--sandbox=none"));
        DaemonLaunch launch = DaemonLaunch.in(Path.of("/tmp/w"), Path.of("/tmp/s")).withExtraArgs("--xattr");
        assertThatThrownBy(() -> t.start(launch)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(seen.get(0).extraArgs()).containsExactly("--xattr", "--sandbox=none");
    }

    @Test
    void two_builds_of_one_daemon_side_by_side_have_two_names() {
        assertThat(Targets.all(java.util.List.of("stock@rust", "patched@rust=/opt/virtiofsd/run")))
                .extracting(DaemonTarget::name).containsExactly("stock", "patched");
    }

    @Test
    void two_targets_of_one_name_are_refused_with_a_hint() {
        assertThatThrownBy(() -> Targets.all(java.util.List.of("rust", "rust=/opt/virtiofsd/run")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two targets are named 'rust': name one of them with NAME@SPEC, e.g. patched@rust=/opt/virtiofsd/run");
    }

    @Test
    void two_names_that_share_a_results_file_are_refused() {
        assertThatThrownBy(() -> Targets.all(java.util.List.of("container:img", "container-img@rust")))
                .hasMessageStartingWith("two targets are named 'container:img' and 'container-img' (the same results file)");
    }
}
