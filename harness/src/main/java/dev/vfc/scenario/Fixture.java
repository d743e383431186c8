package dev.vfc.scenario;

import java.io.IOException;
import java.nio.file.Path;

/** What a scenario's shared directory holds before the daemon starts. */
@FunctionalInterface
public interface Fixture {

    void prepare(Path shared) throws IOException;

    Fixture EMPTY = shared -> { };

    default Fixture and(Fixture next) {
        return shared -> {
            prepare(shared);
            next.prepare(shared);
        };
    }
}
