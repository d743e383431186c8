package dev.vfc.ovmf;

import dev.vfc.guest.LinuxGuestScenarios;
import dev.vfc.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/** Every scenario of this module: the OVMF replays and boots, then the Linux guest's steps. */
public final class Fixtures {

    private Fixtures() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>(OvmfFixtures.all());
        all.addAll(LinuxGuestScenarios.all());
        return List.copyOf(all);
    }
}
