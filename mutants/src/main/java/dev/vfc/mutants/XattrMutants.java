package dev.vfc.mutants;

import java.util.List;

/** (to be filled) */
final class XattrMutants {

    private XattrMutants() {
    }

    static List<Mutant> all() {
        return List.of();
    }
}
