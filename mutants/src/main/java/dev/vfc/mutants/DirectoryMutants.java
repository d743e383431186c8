package dev.vfc.mutants;

import java.util.List;

/** (to be filled) */
final class DirectoryMutants {

    private DirectoryMutants() {
    }

    static List<Mutant> all() {
        return List.of();
    }
}
