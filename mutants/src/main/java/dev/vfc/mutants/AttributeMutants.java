package dev.vfc.mutants;

import java.util.List;

/** (to be filled) */
final class AttributeMutants {

    private AttributeMutants() {
    }

    static List<Mutant> all() {
        return List.of();
    }
}
