package dev.vfc.mutants;

import dev.vfc.daemon.Assembly;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.server.decorator.ReadLimitFileSystem;
import java.util.List;
import java.util.Set;

/** Bugs in READ and WRITE. */
final class DataMutants {

    private DataMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                new Mutant("read-limit-1mib", "answers ENOMEM to every READ above 1 MiB",
                        "Rust virtiofsd 1.0-1.6.0 (MAX_BUFFER_SIZE in server.rs), fixed in 1.6.1", Set.of(FuseOpcode.READ),
                        Assembly.ofFileSystem(ReadLimitFileSystem::rust160)));
    }
}
