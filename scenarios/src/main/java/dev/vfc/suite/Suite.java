package dev.vfc.suite;

import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioGlob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every scenario of the conformance suite, in a stable order. */
public final class Suite {

    private Suite() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(LargeReads.scenarios());
        all.addAll(Sizing.scenarios());
        all.addAll(Metadata.scenarios());
        all.addAll(Lifecycle.scenarios());
        all.addAll(Notifications.scenarios());
        all.addAll(Robustness.scenarios());
        all.addAll(PathSafety.scenarios());
        Set<String> ids = new HashSet<>();
        for (Scenario s : all) {
            if (!ids.add(s.id())) {
                throw new IllegalStateException("scenario id " + s.id() + " is used twice");
            }
        }
        return List.copyOf(all);
    }

    /** The scenarios whose id matches {@code globs} (see {@link ScenarioGlob}). */
    public static List<Scenario> matching(String globs) {
        return ScenarioGlob.of(globs).filter(all());
    }
}
