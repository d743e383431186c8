package dev.vfc.javatargets;

import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.TargetKind;
import java.util.List;

/** The spec {@code java-inprocess}: the bundled daemon in the harness's JVM ({@link InProcessJavaTarget}). */
public final class InProcessJavaKind implements TargetKind {

    @Override
    public String kind() {
        return InProcessJavaTarget.NAME;
    }

    @Override
    public List<String> forms() {
        return List.of(InProcessJavaTarget.NAME);
    }

    @Override
    public DaemonTarget create(char separator, String arg) {
        if (arg != null) {
            throw new IllegalArgumentException("the java-inprocess target takes no argument");
        }
        return new InProcessJavaTarget();
    }
}
