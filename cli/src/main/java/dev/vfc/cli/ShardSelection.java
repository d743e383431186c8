package dev.vfc.cli;

import dev.vfc.results.Shard;
import dev.vfc.scenario.Scenario;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which scenarios one shard of {@code vfc compare --shard K/N} runs: those whose id hashes to it
 * ({@link Shard#holds}), and the smoke set, which every shard runs.
 *
 * <p>The smoke set is INIT, LOOKUP and GETATTR, the first three requests any guest sends (Linux's
 * fuse_fill_super sends INIT, and every path walk is LOOKUPs and GETATTRs of what they find). Run
 * in every shard, they show in each job's own results whether its daemon came up and answered at
 * all, so a shard whose machine cannot run a target says so at once instead of through a
 * scattering of odd verdicts, and {@code vfc merge} checks that every shard's copies agree: a
 * disagreement there means the shards did not judge the same daemon.
 */
final class ShardSelection {

    /** INIT at 7.38, LOOKUP of a file with its attributes, GETATTR of a file. */
    static final Set<String> SMOKE = Set.of("init/minor/7.38", "metadata/lookup/file-attributes", "metadata/getattr/file");

    private ShardSelection() {
    }

    /** The scenarios of {@code shard} in suite order; all of them for an unsharded run. */
    static List<Scenario> of(List<Scenario> scenarios, Optional<Shard> shard) {
        return shard.map(s -> scenarios.stream().filter(sc -> s.holds(sc.id()) || SMOKE.contains(sc.id())).toList())
                .orElse(scenarios);
    }
}
