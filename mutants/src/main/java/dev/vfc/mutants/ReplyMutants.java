package dev.vfc.mutants;

import java.util.List;

/** (to be filled) */
final class ReplyMutants {

    private ReplyMutants() {
    }

    static List<Mutant> all() {
        return List.of();
    }
}
