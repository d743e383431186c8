package dev.vfc.cli;

import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuzz.FuzzedRequest;
import dev.vfc.fuzzer.Finding;
import dev.vfc.fuzzer.FuzzCampaign;
import dev.vfc.fuzzer.FuzzTranscript;
import dev.vfc.fuzzer.FuzzedDaemon;
import dev.vfc.host.Trees;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vfc fuzz}: the request generator of the Jazzer test, without coverage, against one
 * target's daemon through the frontend ({@link FuzzCampaign}); or, with {@code --replay}, one
 * saved transcript sent again. Exit 0 when nothing was found (or the replay did not reproduce),
 * 1 on a finding, 2 on a bad command line.
 */
final class FuzzCommand {

    static final String USAGE = """
            usage: vfc fuzz --target [NAME@]SPEC [--seconds N] [--seed S] [--out DIR]
                   vfc fuzz --target [NAME@]SPEC --replay FILE

            Sends generated FUSE requests (any opcode, fuzzed fields, bodies and names, a header
            len that may lie, chains of 1-3 readable and 1-3 writable descriptors) to one daemon
            through the fake frontend, one at a time, after an INIT as Linux sends it. Each reply
            must keep the transport's rules (used.len within the writable bytes, out.len, unique,
            errno); a daemon that dies (FAIL-STOP), stops answering for 3 s or loses a worker
            (HANG), or writes past the chain (BREACH) is a finding: its requests since the
            daemon's start are saved, replayed on a fresh daemon and minimised, and a fresh
            daemon carries on.
              --target SPEC   the daemon: java | c[=PATH] | rust[=PATH] | java-mutant:NAME | ...
                              (as vfc compare takes it)
              --seconds N     how long to fuzz (default 60; minimising may add up to 60 s a finding)
              --seed S        the generator's seed (default: from the clock, printed)
              --out DIR       where transcripts go (default: vfc-fuzz)
              --replay FILE   send a saved transcript (finding-K.json, finding-K-min.json) again
                              and say whether its finding comes back
            exit status: 0 no finding, 1 a finding (or a replay that reproduced one), 2 bad arguments
            """;

    private final PrintStream out;
    private final PrintStream err;

    FuzzCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageError {
        Optional<Options> parsed = Options.parseOrHelp("fuzz", args, USAGE, out,
                Set.of("--target", "--seconds", "--seed", "--out", "--replay"), Set.of());
        if (parsed.isEmpty()) {
            return 0;
        }
        Options o = parsed.get();
        DaemonTarget target = target(o.required("fuzz", "--target"));
        Optional<String> replay = o.one("fuzz", "--replay");
        long seconds = number(o.one("fuzz", "--seconds"), "--seconds", 60, 1);
        long seed = number(o.one("fuzz", "--seed"), "--seed", System.currentTimeMillis(), Long.MIN_VALUE);
        Path dir = Path.of(o.one("fuzz", "--out").orElse("vfc-fuzz"));
        if (replay.isPresent() && (o.has("--seconds") || o.has("--seed") || o.has("--out"))) {
            throw new UsageError("fuzz: --replay sends a saved transcript; it takes no --seconds, --seed or --out");
        }
        FuzzTranscript transcript = replay.isPresent() ? transcript(replay.get()) : null;
        if (target.availability() instanceof Availability.Unavailable u) {
            err.println("vfc fuzz: " + target.name() + " cannot run here: " + u.reason());
            return 1;
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("vfc-fuzz");
            return transcript != null ? replay(target, scratch, transcript)
                    : fuzz(target, scratch, seed, Duration.ofSeconds(seconds), dir);
        } catch (IOException | RuntimeException e) {
            err.println("vfc fuzz: " + ResultsChoice.firstLine(e));
            return 1;
        } finally {
            if (scratch != null) {
                try {
                    Trees.delete(scratch);
                } catch (IOException e) {
                    err.println("vfc fuzz: could not delete " + scratch + ": " + e.getMessage());
                }
            }
        }
    }

    private int fuzz(DaemonTarget target, Path scratch, long seed, Duration duration, Path dir) throws IOException {
        out.println("vfc fuzz: " + target.name() + " for " + duration.toSeconds() + " s, seed " + seed
                + ", transcripts in " + dir);
        FuzzCampaign.Summary s = new FuzzCampaign(target, seed, dir, scratch, this::print).run(duration);
        out.printf("vfc fuzz: %s: %d inputs in %.1f s (%.1f s of it minimising; %.0f inputs/s fuzzing), %d daemons,"
                + " %d findings (%d repeating an earlier one)%n", target.name(), s.sent(), s.millis() / 1000.0,
                s.minimiseMillis() / 1000.0, s.rate(), s.daemons(), s.findings().size(), s.duplicates());
        s.nonStrict().forEach((rule, t) -> {
            out.println("  NON-STRICT " + t.count() + "x [hardening] " + rule + "; first: " + t.first().verdict().detail());
            out.println("    on: " + describe(t.request()));
        });
        return s.findings().isEmpty() ? 0 : 1;
    }

    /** One finding: its verdict and rule, what happened, the minimised transcript and its last request. */
    private void print(Finding f) {
        String min = f.reproduced()
                ? "minimised to " + f.minimised().size() + " of " + f.sent() + " requests (" + f.tries() + " replays, "
                        + f.millis() / 1000 + " s): " + f.minimisedTranscript()
                : f.tries() == 0 ? "same rule and opcode as an earlier finding; not minimised: " + f.transcript()
                        : "did not reproduce on a fresh daemon; kept whole: " + f.transcript();
        out.println("finding " + f.number() + ": " + f.violation().verdict().kind().label() + " [hardening] "
                + f.violation().rule() + " -- " + firstLine(f.violation().verdict().detail()));
        out.println("  " + min);
        out.println("  last request: " + describe(f.minimised().get(f.minimised().size() - 1)));
    }

    private int replay(DaemonTarget target, Path scratch, FuzzTranscript t) throws IOException {
        List<FuzzedRequest> requests = t.fuzzedRequests();
        out.println("vfc fuzz: replaying " + requests.size() + " requests on " + target.name() + " (saved: "
                + t.verdict() + " " + t.rule() + " on " + t.target() + ")");
        Optional<FuzzedDaemon.Replayed> r = FuzzedDaemon.replay(target, scratch, requests);
        if (r.isEmpty()) {
            out.println("vfc fuzz: no finding: every request was answered within the rules");
            return 0;
        }
        out.println("vfc fuzz: reproduced at request " + (r.get().index() + 1) + ": "
                + r.get().violation().verdict().kind().label() + " [hardening] " + r.get().violation().rule() + " -- "
                + firstLine(r.get().violation().verdict().detail()));
        return 1;
    }

    /** A request as the report shows it: opcode, node, len, body (hex, cut at 64 bytes), descriptors. */
    static String describe(FuzzedRequest r) {
        String hex = HexFormat.of().formatHex(r.body(), 0, Math.min(64, r.body().length));
        return FuseOpcode.describe(r.opcode()) + " nodeid=" + r.nodeid() + " len=" + Integer.toUnsignedString(r.headerLen())
                + (r.declaredLen() == null ? "" : " (lies; true " + r.length() + ")") + " body[" + r.body().length + "]="
                + hex + (r.body().length > 64 ? "..." : "") + " readable=" + r.readable() + " writable=" + r.writable();
    }

    private static DaemonTarget target(String spec) throws UsageError {
        try {
            return Targets.byName(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageError("fuzz: " + e.getMessage());
        }
    }

    private static FuzzTranscript transcript(String file) throws UsageError {
        try {
            return FuzzTranscript.read(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new UsageError("fuzz: --replay " + file + ": " + ResultsChoice.firstLine(e));
        }
    }

    private static long number(Optional<String> value, String name, long otherwise, long least) throws UsageError {
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value.get().strip());
            if (n < least) {
                throw new UsageError("fuzz: " + name + " must be at least " + least + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageError("fuzz: " + name + " takes a number, got '" + value.get() + "'");
        }
    }

    /**
     * A detail in one line: its first line, and when the daemon's log tail follows, the log's
     * last line (where a daemon says why it died: an assertion, a panic, libvhost-user's fv_panic).
     */
    static String firstLine(String s) {
        List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return lines.size() == 1 ? lines.get(0) : lines.get(0) + " " + lines.get(lines.size() - 1);
    }
}
