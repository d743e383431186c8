package dev.vfc.javatargets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.targets.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java targets reach the harness's spec parser through its service file. */
class JavaKindsTest {

    @Test
    void javaIsTheBundledDaemonRunAsAProcess() {
        assertThat(Targets.byName("java")).isInstanceOf(JavaDaemonTarget.class);
        assertThat(Targets.byName("java").name()).isEqualTo("java");
    }

    @Test
    void javaInprocessRunsTheDaemonInThisJvm() {
        assertThat(Targets.byName("java-inprocess")).isInstanceOf(InProcessJavaTarget.class);
    }

    @Test
    void aMutantIsNamedAfterItsKindAndBug() {
        assertThat(Targets.byName("java-mutant:read-limit-1mib").name()).isEqualTo("java-mutant:read-limit-1mib");
    }

    @Test
    void theJavaFormsComeFirstInTheListOfSpecForms() {
        assertThat(Targets.specForms()).startsWith("java", "java-inprocess", "java-mutant:NAME", "c");
    }

    @ParameterizedTest(name = "spec \"{0}\" is refused with a one-line reason")
    @ValueSource(strings = {"java=/x", "java:x", "java-inprocess=1", "java-mutant", "java-mutant=x", "java-mutant:Bad_Name"})
    void aBadJavaSpecIsRefusedWithTheKindsReason(String spec) {
        assertThatThrownBy(() -> Targets.byName(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad target spec '" + spec + "': ")
                .hasMessageContaining("(expected java or java-inprocess or java-mutant:NAME or c or")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
