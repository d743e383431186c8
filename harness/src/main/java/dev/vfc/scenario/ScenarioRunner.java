package dev.vfc.scenario;

import dev.vfc.frontend.DaemonFailure;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.results.Axis;
import dev.vfc.results.RecordedExchange;
import dev.vfc.results.ScenarioResult;
import dev.vfc.results.Verdict;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.Exchange;
import dev.vfc.targets.Availability;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonStartException;
import dev.vfc.targets.DaemonTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs scenarios against one target, each on a fresh daemon with a fresh shared directory, so
 * a crash or a leftover file never leaks into the next scenario (a crashed daemon is simply
 * not reused). Whatever the daemon does becomes a verdict: death becomes CRASH, silence
 * becomes TIMEOUT, a vhost-user reply that breaks the spec becomes FAIL.
 */
public final class ScenarioRunner {

    /** Log lines kept with every result for the report; a debug-logging daemon writes a few per request. */
    private static final int RESULT_LOG_LINES = 60;

    private final DaemonTarget target;
    private final Path scratch;
    private volatile String command = "";

    /** @param scratch a directory for per-scenario work and shared directories */
    public ScenarioRunner(DaemonTarget target, Path scratch) {
        this.target = target;
        this.scratch = scratch;
    }

    public DaemonTarget target() {
        return target;
    }

    /** The daemon's command line as last started, for results files. */
    public String command() {
        return command;
    }

    public ScenarioResult run(Scenario scenario) throws IOException {
        long start = System.nanoTime();
        Availability availability = target.availability();
        if (availability instanceof Availability.Unavailable u) {
            return result(scenario, new Verdict.Skipped("target " + target.name() + ": " + u.reason()), start, "",
                    List.of());
        }
        Path dir = Files.createTempDirectory(scratch, "scenario");
        Path work = Files.createDirectories(dir.resolve("w"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        scenario.fixture().prepare(shared);
        List<String> args = new ArrayList<>();
        scenario.features().forEach(f -> args.addAll(target.argumentsFor(f)));
        DaemonLaunch launch = DaemonLaunch.in(work, shared).withExtraArgs(args);
        if (scenario.body() instanceof Scenario.Body.OnGuest guest) {
            return onGuest(scenario, guest.check(), launch, start);
        }
        return onSession(scenario, ((Scenario.Body.OnSession) scenario.body()).check(), launch, start);
    }

    private ScenarioResult onSession(Scenario scenario, Scenario.Check check, DaemonLaunch launch, long start)
            throws IOException {
        DaemonSession session;
        try {
            session = DaemonSession.start(target, launch, scenario.driver(), scenario.options());
        } catch (DaemonStartException e) {
            return result(scenario, new Verdict.Crash("the daemon did not start: " + oneLine(e.getMessage())), start,
                    String.join("\n", e.logTail()), e.logTail());
        } catch (DaemonFailure f) {
            return result(scenario, verdictOf(scenario, f, "the vhost-user handshake"), start, "", List.of());
        }
        try (session) {
            command = session.daemon().command();
            Verdict verdict;
            try {
                verdict = check.run(new ScenarioContext(session, launch.sharedDir(), launch.socketPath().getParent()));
            } catch (VerdictReached early) {
                verdict = early.verdict();
            } catch (DaemonFailure f) {
                verdict = verdictOf(scenario, f, "the check");
            } catch (java.nio.file.NoSuchFileException gone) {
                verdict = hostFileGone(scenario, gone);
            }
            verdict = withNotifications(scenario, session, verdict);
            return result(scenario, verdict, start, "", session.daemon().logTail(RESULT_LOG_LINES),
                    opcodesSent(session), session.fuse().transcript().exchanges().stream().map(Exchange::record)
                            .toList());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("scenario " + scenario.id() + " could not run: " + e, e);
        }
    }

    private ScenarioResult onGuest(Scenario scenario, Scenario.GuestCheck check, DaemonLaunch launch, long start)
            throws IOException {
        try {
            GuestOutcome outcome = check.run(new GuestContext(target, launch, launch.sharedDir(),
                    launch.socketPath().getParent()));
            if (!outcome.daemonCommand().isBlank()) {
                command = outcome.daemonCommand();
            }
            return result(scenario, outcome.verdict(), start, outcome.transcript(), outcome.daemonLog());
        } catch (DaemonStartException e) {
            return result(scenario, new Verdict.Crash("the daemon did not start: " + oneLine(e.getMessage())), start,
                    String.join("\n", e.logTail()), e.logTail());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("scenario " + scenario.id() + " could not run: " + e, e);
        }
    }

    /**
     * A conformance scenario whose replies came without the used buffer notification their ring
     * required FAILs, whatever its check concluded from the bytes: a real guest would still be
     * waiting for them. Worse verdicts (FAIL, CRASH, TIMEOUT) stand; hardening scenarios, whose
     * requests broke a driver rule, are not judged on it.
     */
    private static Verdict withNotifications(Scenario scenario, DaemonSession session, Verdict verdict) {
        if (scenario.axis() != Axis.CONFORMANCE || !(verdict instanceof Verdict.Pass
                || verdict instanceof Verdict.Unsupported || verdict instanceof Verdict.NonStrict)) {
            return verdict;
        }
        return session.missedNotification().map(Verdict::fail).orElse(verdict);
    }

    /**
     * A check that reads the share on the host found a file missing that the daemon was told to
     * keep (it answered a RENAME, UNLINK or WRITE as done, but the host shows otherwise): the
     * daemon broke the operation's rule (FAIL), or, on the hardening axis, accepted a hostile
     * request in a way that lost a file of the share (NON-STRICT: nothing left the share).
     */
    private static Verdict hostFileGone(Scenario scenario, java.nio.file.NoSuchFileException gone) {
        String what = "the share has no " + gone.getFile() + " any more";
        return scenario.axis() == Axis.HARDENING ? Verdict.nonStrict(what)
                : Verdict.fail("the host files the operations left", what);
    }

    /**
     * The verdict a frontend failure gives. A worker that died while the process lives on is a
     * CRASH on the conformance axis (legal input killed part of the daemon) and a HANG on the
     * hardening axis: the socket stays up and the guest waits forever, which is worse than the
     * FAIL-STOP {@link Axis#grade} would make of a CRASH (that grade is for a daemon that stopped).
     */
    static Verdict verdictOf(Scenario scenario, DaemonFailure f, String during) {
        if (f instanceof DaemonFailure.WorkerDied died) {
            String what = "a worker died: " + oneLine(died.line()) + "; the process lives on (during " + during + ")";
            return scenario.axis() == Axis.HARDENING ? Verdict.hang(what) : new Verdict.Crash(what);
        }
        if (f instanceof DaemonFailure.Crashed) {
            return new Verdict.Crash(oneLine(f.getMessage()));
        }
        if (f instanceof DaemonFailure.TimedOut) {
            return new Verdict.Timeout(f.getMessage() + " during " + during);
        }
        return Verdict.fail("a reply the vhost-user spec allows", f.getMessage());
    }

    private static ScenarioResult result(Scenario s, Verdict v, long start, String transcript, List<String> log) {
        return result(s, v, start, transcript, log, List.of(), List.of());
    }

    private static ScenarioResult result(Scenario s, Verdict v, long start, String transcript, List<String> log,
            List<FuseOpcode> opcodes, List<RecordedExchange> exchanges) {
        return new ScenarioResult(s.id(), s.title(), s.rule(), s.axis(), s.axis().grade(v),
                (System.nanoTime() - start) / 1_000_000, transcript, String.join("\n", log), opcodes, exchanges);
    }

    /** The opcodes of the session's exchanges, in the order of first use (codes FUSE does not define left out). */
    private static List<FuseOpcode> opcodesSent(DaemonSession session) {
        return session.fuse().transcript().exchanges().stream()
                .map(e -> FuseOpcode.of(e.request().opcode()))
                .flatMap(java.util.Optional::stream).distinct().toList();
    }

    private static String oneLine(String s) {
        return Optional.ofNullable(s).orElse("").replaceAll("\\s*\\R\\s*", " | ");
    }
}
