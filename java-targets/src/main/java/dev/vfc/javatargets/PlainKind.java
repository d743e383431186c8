package dev.vfc.javatargets;

import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.TargetKind;
import java.util.List;
import java.util.function.Supplier;

/** A target kind whose spec is its name alone: {@code java}, {@code java-inprocess}. */
abstract class PlainKind implements TargetKind {

    private final String kind;
    private final Supplier<DaemonTarget> target;

    PlainKind(String kind, Supplier<DaemonTarget> target) {
        this.kind = kind;
        this.target = target;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public List<String> forms() {
        return List.of(kind);
    }

    @Override
    public DaemonTarget create(char separator, String arg) {
        if (arg != null) {
            throw new IllegalArgumentException("the " + kind + " target takes no argument");
        }
        return target.get();
    }
}
