package dev.vfc.javatargets;

import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.TargetKind;
import java.util.List;

/** The spec {@code java}: the bundled daemon as its own process ({@link JavaDaemonTarget}). */
public final class JavaKind implements TargetKind {

    @Override
    public String kind() {
        return JavaDaemonTarget.NAME;
    }

    @Override
    public List<String> forms() {
        return List.of(JavaDaemonTarget.NAME);
    }

    @Override
    public DaemonTarget create(char separator, String arg) {
        if (arg != null) {
            throw new IllegalArgumentException("the java target takes no argument");
        }
        return new JavaDaemonTarget();
    }
}
