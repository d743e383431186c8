package dev.vfc.scenario;

import dev.vfc.results.ResultsFile;
import dev.vfc.results.ScenarioResult;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of one target so far, rewritten to its results file after every scenario so an
 * interrupted run still leaves everything it learned on disk.
 */
public final class TargetResults {

    private final DaemonTarget target;
    private final Path file;
    private final List<ScenarioResult> results = new ArrayList<>();
    private String command = "";

    public TargetResults(DaemonTarget target, Path directory) {
        this.target = target;
        this.file = directory.resolve(ResultsFile.fileName(target.name()));
    }

    public Path file() {
        return file;
    }

    public synchronized List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    public synchronized void add(ScenarioResult result, String daemonCommand) {
        results.add(result);
        if (!daemonCommand.isBlank()) {
            command = daemonCommand;
        }
        try {
            snapshot().write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public synchronized ResultsFile snapshot() {
        Availability a = target.availability();
        String version = a instanceof Availability.Available ok ? ok.version() : "unavailable";
        return new ResultsFile(new ResultsFile.TargetInfo(target.name(), target.kind(), version, command,
                target.environment()), results);
    }
}
