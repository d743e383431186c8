package dev.vfc.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.vfc.driver.ChainShape;
import dev.vfc.driver.DriverProfile;
import dev.vfc.driver.InitGrant;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitOut;
import dev.vfc.results.Axis;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.DaemonSession;
import dev.vfc.session.Exchange;
import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import dev.vfc.targets.Targets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario whose id names a driver ({@code ovmf}, {@code linux}, {@code linux-direct}) sends
 * only what that driver's stated release sends: each such scenario of the suite runs against
 * the in-process Java daemon, and every request in its transcript is held to the named
 * profile's limits for the INIT reply the session had received by then (chain length within
 * the queue size, READ and WRITE sizes within the caps) and to the chains that profile builds
 * ({@link DriverProfile#wouldNotBuild}); and every conformance scenario keeps the virtio rules
 * that bind every driver. The verdicts do not matter here; the requests do.
 * Chains sent through {@code rawChain()} do not reach the transcript and are not walked.
 */
class DriverNamedScenariosIT {

    private static final Set<String> DRIVERS = Set.of("ovmf", "linux", "linux-direct");

    @TempDir
    static Path scratch;

    @TestFactory
    Stream<DynamicTest> everyScenarioNamedAfterADriverSendsOnlyWhatThatDriverSends() {
        DaemonTarget target = Targets.byName("java-inprocess");
        return Suite.all().stream()
                .filter(s -> namedDriver(s).isPresent() && s.body() instanceof Scenario.Body.OnSession)
                .map(s -> dynamicTest(s.id(), () -> assertThat(violations(s, target))
                        .as("requests of %s that %s %s does not send", s.id(), namedDriver(s).get(),
                                DriverProfile.byName(namedDriver(s).get()).modelledVersion())
                        .isEmpty()));
    }

    /**
     * Beyond the named drivers: a conformance scenario sends only what a conforming driver may
     * send, so no request in its transcript breaks a virtio rule that binds every driver.
     */
    @TestFactory
    Stream<DynamicTest> everyConformanceScenarioKeepsTheRulesThatBindEveryDriver() {
        DaemonTarget target = Targets.byName("java-inprocess");
        return Suite.all().stream()
                .filter(s -> s.axis() == Axis.CONFORMANCE && s.body() instanceof Scenario.Body.OnSession)
                .map(s -> dynamicTest(s.id(), () -> assertThat(walk(s, target, (e, limits) ->
                        ChainShape.of(e.layout()).driverRuleViolation(limits.queueSize(), limits.indirect())))
                        .as("requests of conformance scenario %s that break a rule binding the driver", s.id())
                        .isEmpty()));
    }

    @org.junit.jupiter.api.Test
    void theWalkerCatchesTheOneChainEightMebibyteReadTheSuiteUsedToSendAsLinux() throws Exception {
        Scenario old = Scenario.builder("read/large/8388608/linux").title("the old one-chain read").rule("none")
                .driver("linux").fixture(Fixtures.file(LargeReads.FILE, 8 << 20))
                .check(c -> {
                    Steps.Handle h = Steps.open(c.fuse(), LargeReads.FILE, 0);
                    c.fuse().read(h.node(), h.fh(), 0, 8 << 20);
                    return dev.vfc.results.Verdict.pass("sent");
                });
        assertThat(violations(old, Targets.byName("java-inprocess")))
                .anySatisfy(v -> assertThat(v).contains("opcode=READ").contains(
                        "2051 descriptors in one chain on a 128-entry queue"));
    }

    /**
     * The driver an id names: a part of it that is a profile's name ({@code .../linux}), or that
     * starts with one ({@code ovmf-unique-restart}).
     */
    static Optional<String> namedDriver(Scenario s) {
        for (String part : s.id().split("/")) {
            if (DRIVERS.contains(part)) {
                return Optional.of(part);
            }
            String first = part.split("-")[0];
            if (DRIVERS.contains(first)) {
                return Optional.of(first);
            }
        }
        return Optional.empty();
    }

    private static List<String> violations(Scenario s, DaemonTarget target) throws Exception {
        DriverProfile named = DriverProfile.byName(namedDriver(s).get());
        List<String> found = new ArrayList<>();
        if (!named.name().equals(s.driver().name())) {
            found.add("the frontend plays " + s.driver().name() + ", not " + named.name());
        }
        found.addAll(walk(s, target, (e, limits) -> named.wouldNotBuild(e.layout(),
                named.limits(limits.grant(), limits.queueSize(), limits.indirect()))));
        return found;
    }

    /** Where a request stood: the INIT grant so far, the queue size, whether indirect was negotiated. */
    record Context(InitGrant grant, int queueSize, boolean indirect) {
    }

    /** Runs {@code s} and returns what {@code judge} says of each request in its transcript. */
    private static List<String> walk(Scenario s, DaemonTarget target,
            BiFunction<Exchange, Context, Optional<String>> judge) throws Exception {
        Path dir = Files.createTempDirectory(scratch, "walk");
        Path work = Files.createDirectories(dir.resolve("w"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        s.fixture().prepare(shared);
        List<String> args = new ArrayList<>();
        s.features().forEach(f -> args.addAll(target.argumentsFor(f)));
        List<String> found = new ArrayList<>();
        try (DaemonSession session = DaemonSession.start(target, DaemonLaunch.in(work, shared).withExtraArgs(args),
                s.driver(), s.options())) {
            try {
                ((Scenario.Body.OnSession) s.body()).check().run(new ScenarioContext(session, shared, work));
            } catch (Exception | AssertionError e) {
                // The verdict is not the point: whatever the check reached, its requests are walked.
            }
            boolean indirect = session.frontend().indirectNegotiated();
            InitGrant grant = InitGrant.NONE;
            for (Exchange e : session.fuse().transcript().exchanges()) {
                Context where = new Context(grant, s.options().queueSize(), indirect);
                judge.apply(e, where).ifPresent(why -> found.add("#" + e.sequence() + " " + e.request() + " layout "
                        + e.layout().describe() + ": " + why + " [" + where + "]"));
                grant = initGrant(e).orElse(grant);
            }
        }
        return found;
    }

    /** What a successful INIT reply in {@code e} granted. */
    private static Optional<InitGrant> initGrant(Exchange e) {
        boolean init = e.request().opcode() == FuseOpcode.INIT.code();
        if (!init || e.reply().map(h -> h.error() != 0).orElse(true)) {
            return Optional.empty();
        }
        ByteBuffer body = e.completion().usedBytes().position(FuseOutHeader.SIZE).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return Optional.of(InitGrant.of(InitOut.decode(body, Math.min(body.remaining(), 64))));
    }
}
