package dev.vfc.mutants;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every mutant, by the layer its bug is planted in: the filesystem the FUSE server calls
 * ({@link EntryMutants}, {@link AttributeMutants}, {@link DataMutants}, {@link DirectoryMutants},
 * {@link XattrMutants}, {@link NamespaceMutants}), the handler of a whole request chain
 * ({@link ReplyMutants}), and the ring ({@link RingMutants}).
 */
public final class Catalogue {

    private static final List<Mutant> ALL = collect();

    private Catalogue() {
    }

    public static List<Mutant> all() {
        return ALL;
    }

    public static Optional<Mutant> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    private static List<Mutant> collect() {
        List<Mutant> all = new ArrayList<>();
        all.addAll(EntryMutants.all());
        all.addAll(AttributeMutants.all());
        all.addAll(DataMutants.all());
        all.addAll(DirectoryMutants.all());
        all.addAll(XattrMutants.all());
        all.addAll(NamespaceMutants.all());
        all.addAll(ForgetMutants.all());
        all.addAll(ReplyMutants.all());
        all.addAll(RingMutants.all());
        all.addAll(LeakMutants.all());
        all.addAll(EscapeMutants.all());
        Set<String> names = new HashSet<>();
        for (Mutant m : all) {
            if (!names.add(m.name())) {
                throw new IllegalStateException("two mutants are named " + m.name());
            }
        }
        return List.copyOf(all);
    }
}
