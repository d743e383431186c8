package dev.vfc.cli;

import dev.vfc.results.ResultsFile;
import dev.vfc.results.RunInfo;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Shard;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Joins the results of the shards of one run ({@code vfc compare --shard K/N}, one directory
 * each) into the results of the whole run. The shards must be one run's: the same suite revision,
 * the same targets with the same kind, version and environment (not command: it names each
 * scenario's temporary socket), every shard of the same N exactly once. Each scenario × target
 * is reported once, except the smoke set ({@link ShardSelection#SMOKE}), which every shard runs
 * and whose copies must agree in verdict. The joined run started when its first shard started
 * and ended when its last ended; each result keeps the shard that ran it.
 */
final class ShardMerge {

    /** The shards cannot be joined; the message is one line naming what disagrees, and where. */
    static final class Conflict extends Exception {
        Conflict(String message) {
            super(message);
        }
    }

    /** One shard's results, and the directory they came from, for messages. */
    record ShardRun(Path from, List<ResultsFile> targets) {
    }

    private ShardMerge() {
    }

    /** A shard whose targets all record the same sharded run. */
    private record Checked(ShardRun shard, RunInfo run) {
        Path from() {
            return shard.from();
        }

        int index() {
            return run.shard().orElseThrow().index();
        }
    }

    static List<ResultsFile> merge(List<ShardRun> shards) throws Conflict {
        if (shards.isEmpty()) {
            throw new Conflict("no shards to merge");
        }
        List<Checked> ordered = new ArrayList<>();
        for (ShardRun s : shards) {
            ordered.add(new Checked(s, runOf(s)));
        }
        ordered.sort(Comparator.comparingInt(Checked::index));
        checkShards(ordered);
        Checked first = ordered.get(0);
        for (Checked s : ordered.subList(1, ordered.size())) {
            checkSameTargets(first.shard(), s.shard());
        }
        List<ResultsFile> out = new ArrayList<>();
        for (ResultsFile target : first.shard().targets()) {
            out.add(mergeTarget(target.target().name(), ordered));
        }
        return out;
    }

    /** The shard's run, which every target's file in it must record alike. */
    private static RunInfo runOf(ShardRun s) throws Conflict {
        if (s.targets().isEmpty()) {
            throw new Conflict(s.from() + ": no targets' results in it");
        }
        RunInfo run = null;
        for (ResultsFile t : s.targets()) {
            RunInfo r = t.run().orElseThrow(() -> new Conflict(s.from() + ": target " + t.target().name()
                    + " has no run record: merge joins the reports of vfc compare --shard K/N"));
            if (r.shard().isEmpty()) {
                throw new Conflict(s.from() + ": an unsharded run (shard all): merge joins the reports of vfc compare --shard K/N");
            }
            if (run != null && !run.equals(r)) {
                throw new Conflict(s.from() + ": its targets record different runs (" + run.shardLabel() + ", " + r.shardLabel() + ")");
            }
            run = r;
        }
        return run;
    }

    private static void checkShards(List<Checked> ordered) throws Conflict {
        Checked first = ordered.get(0);
        int count = first.run().shard().orElseThrow().count();
        Map<Integer, Path> seen = new LinkedHashMap<>();
        for (Checked s : ordered) {
            if (!s.run().suite().equals(first.run().suite())) {
                throw new Conflict("suite revisions differ: " + first.from() + " ran " + first.run().suite() + ", "
                        + s.from() + " ran " + s.run().suite());
            }
            Shard shard = s.run().shard().orElseThrow();
            if (shard.count() != count) {
                throw new Conflict("shard counts differ: " + first.from() + " is " + first.run().shardLabel() + ", "
                        + s.from() + " is " + shard.label());
            }
            Path earlier = seen.putIfAbsent(shard.index(), s.from());
            if (earlier != null) {
                throw new Conflict("shard " + shard.label() + " is in both " + earlier + " and " + s.from());
            }
        }
        for (int k = 1; k <= count; k++) {
            if (!seen.containsKey(k)) {
                throw new Conflict("shard " + k + "/" + count + " is missing (given: "
                        + String.join(", ", seen.keySet().stream().map(i -> i + "/" + count).toList()) + ")");
            }
        }
    }

    private static void checkSameTargets(ShardRun first, ShardRun other) throws Conflict {
        List<String> a = first.targets().stream().map(t -> t.target().name()).toList();
        List<String> b = other.targets().stream().map(t -> t.target().name()).toList();
        if (!a.equals(b)) {
            throw new Conflict("targets differ: " + first.from() + " has " + a + ", " + other.from() + " has " + b);
        }
    }

    private static ResultsFile mergeTarget(String name, List<Checked> ordered) throws Conflict {
        ResultsFile.TargetInfo info = null;
        Path infoFrom = null;
        Map<String, ScenarioResult> results = new LinkedHashMap<>();
        Map<String, Path> origin = new LinkedHashMap<>();
        Instant started = Instant.MAX;
        Instant ended = Instant.MIN;
        for (Checked c : ordered) {
            ShardRun s = c.shard();
            ResultsFile t = s.targets().stream().filter(f -> f.target().name().equals(name)).findFirst()
                    .orElseThrow(() -> new Conflict("target " + name + " is in " + ordered.get(0).from() + " but not in " + s.from()));
            if (info == null) {
                info = t.target();
                infoFrom = s.from();
            } else if (!sameDaemon(info, t.target())) {
                throw new Conflict("target " + name + " differs: " + infoFrom + " ran " + info.kind() + " " + info.version()
                        + " " + info.environment() + ", " + s.from() + " ran " + t.target().kind() + " "
                        + t.target().version() + " " + t.target().environment());
            }
            RunInfo run = c.run();
            started = run.started().isBefore(started) ? run.started() : started;
            ended = run.ended().isAfter(ended) ? run.ended() : ended;
            for (ScenarioResult r : t.results()) {
                addOnce(name, r, s.from(), results, origin);
            }
        }
        RunInfo joined = new RunInfo(ordered.get(0).run().suite(), Optional.empty(), started, ended);
        return new ResultsFile(info, List.copyOf(results.values()), Optional.of(joined));
    }

    private static void addOnce(String target, ScenarioResult r, Path from, Map<String, ScenarioResult> results,
            Map<String, Path> origin) throws Conflict {
        ScenarioResult earlier = results.get(r.scenario());
        if (earlier == null) {
            results.put(r.scenario(), r);
            origin.put(r.scenario(), from);
            return;
        }
        if (!ShardSelection.SMOKE.contains(r.scenario())) {
            throw new Conflict(r.scenario() + " on " + target + " is reported twice: by " + origin.get(r.scenario())
                    + " (shard " + label(earlier) + ") and " + from + " (shard " + label(r) + ")");
        }
        if (earlier.verdict().kind() != r.verdict().kind()) {
            throw new Conflict("smoke scenario " + r.scenario() + " on " + target + " disagrees between shards: "
                    + earlier.verdict().kind().label() + " in " + origin.get(r.scenario()) + ", " + r.verdict().kind().label()
                    + " in " + from + " (" + r.verdict().detail() + ")");
        }
    }

    private static String label(ScenarioResult r) {
        return r.shard().map(Shard::label).orElse("all");
    }

    private static boolean sameDaemon(ResultsFile.TargetInfo a, ResultsFile.TargetInfo b) {
        return a.kind().equals(b.kind()) && a.version().equals(b.version()) && Objects.equals(a.environment(), b.environment());
    }
}
