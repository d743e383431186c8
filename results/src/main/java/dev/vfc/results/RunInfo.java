package dev.vfc.results;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What ran, when: recorded in each results file so shards of one run can be told apart, checked
 * against each other and joined ({@code vfc merge}).
 *
 * @param suite   the suite's revision: the project version and a digest of every scenario's id,
 *     axis, title and rule, so two runs whose suites differ in any scenario disagree
 * @param shard   the part of the suite this run covered; empty for the whole suite
 * @param started when the run began
 * @param ended   when its last verdict was in
 */
public record RunInfo(String suite, Optional<Shard> shard, Instant started, Instant ended) {

    public RunInfo {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
    }

    /** {@code 2/4}, or {@code all} for an unsharded run. */
    public String shardLabel() {
        return shard.map(Shard::label).orElse("all");
    }
}
