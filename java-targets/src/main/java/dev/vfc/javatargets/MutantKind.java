package dev.vfc.javatargets;

import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.TargetKind;
import java.util.List;

/** The spec {@code java-mutant:NAME}: the bundled daemon with one planted bug ({@link JavaDaemonTarget#mutant}). */
public final class MutantKind implements TargetKind {

    @Override
    public String kind() {
        return JavaDaemonTarget.MUTANT_KIND;
    }

    @Override
    public List<String> forms() {
        return List.of(JavaDaemonTarget.MUTANT_KIND + ":NAME");
    }

    @Override
    public DaemonTarget create(char separator, String arg) {
        if (arg == null || separator != ':' || !arg.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("give the mutant as java-mutant:NAME (vfc mutants --list names them)");
        }
        return JavaDaemonTarget.mutant(arg);
    }
}
