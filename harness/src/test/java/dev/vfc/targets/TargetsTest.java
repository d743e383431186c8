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
        "bad\nspec"})
    void a_bad_spec_is_refused_with_a_one_line_reason(String spec) {
        assertThatThrownBy(() -> Targets.byName(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad target spec")
                .hasMessageContaining("expected java or java-inprocess or c or c=/path/to/virtiofsd or rust or rust=/path/to/virtiofsd or container:IMAGE")
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
                .hasMessage("bad target spec 'qemu': unknown target kind 'qemu' (expected java or java-inprocess or c or c=/path/to/virtiofsd or rust or rust=/path/to/virtiofsd or container:IMAGE)");
    }

    @Test
    void java_is_the_bundled_daemon() {
        assertThat(Targets.byName("java")).isInstanceOf(JavaDaemonTarget.class);
        assertThat(Targets.byName("java").name()).isEqualTo("java");
    }

    @Test
    void a_null_spec_is_refused() {
        assertThatThrownBy(() -> Targets.byName(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
