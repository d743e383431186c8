package dev.vfc.scenario;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.results.Axis;
import dev.vfc.results.Verdict;
import dev.vfc.targets.DaemonFeature;
import java.util.Objects;
import java.util.Set;

/**
 * One named check with the rule it holds a daemon to. The id is stable and hierarchical
 * ({@code read/large/2525712/ovmf}): results, baselines and reports key on it, so it is never
 * reused for a different check.
 *
 * @param id      stable id, {@code area/...}
 * @param title   what the scenario does, in a sentence
 * @param rule    where the expectation is written, with the version of the text (virtio 1.3 §5.11..., QEMU 7.2's
 *     vhost-user spec, FUSE as Linux 6.1 implements it): a text that binds the party judged
 * @param axis    conformance (legal requests, judged by rules binding the daemon) or hardening
 *     (requests that break a rule binding the driver, graded by the daemon's reaction)
 * @param driver  the guest driver the frontend plays
 * @param options the VM the frontend plays (memory, queues, deadline)
 * @param features daemon behaviour switched on for this scenario, in each daemon's own spelling
 * @param fixture what the shared directory holds before the daemon starts
 * @param body    the check itself: through the harness's frontend, or through a real guest
 */
public record Scenario(String id, String title, String rule, Axis axis, DriverProfile driver,
        FrontendOptions options, Set<DaemonFeature> features, Fixture fixture, Body body) {

    public Scenario {
        Objects.requireNonNull(id);
        Objects.requireNonNull(axis);
        if (!id.matches("[a-z0-9][a-z0-9._+\\-]*(/[A-Za-z0-9._+\\-]+)+")) {
            throw new IllegalArgumentException("scenario id '" + id + "' is not area/part/...");
        }
        features = Set.copyOf(features);
    }

    /** The first part of the id: read, sizing, metadata, init, robustness, path-safety, ... */
    public String area() {
        return id.substring(0, id.indexOf('/'));
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The check proper: given a session whose daemon has started (INIT not yet sent). */
    @FunctionalInterface
    public interface Check {
        Verdict run(ScenarioContext context) throws Exception;
    }

    /**
     * A check whose client is a real guest (QEMU with OVMF or a Linux kernel) instead of the
     * harness's frontend: it starts the daemon itself, because QEMU, not the harness, must be
     * the daemon's one vhost-user connection.
     */
    @FunctionalInterface
    public interface GuestCheck {
        GuestOutcome run(GuestContext context) throws Exception;
    }

    /** Who plays the guest: the harness's frontend with a session, or a real guest machine. */
    public sealed interface Body {
        /** The harness's frontend, with the scenario's driver profile. */
        record OnSession(Check check) implements Body {
        }

        /** A real guest machine against the target. */
        record OnGuest(GuestCheck check) implements Body {
        }
    }

    /** Fluent construction, defaulting to the Linux driver and QEMU 7.2's VM. */
    public static final class Builder {
        private final String id;
        private String title = "";
        private String rule = "";
        private Axis axis = Axis.CONFORMANCE;
        private DriverProfile driver = DriverProfile.byName("linux");
        private FrontendOptions options = FrontendOptions.defaults();
        private Set<DaemonFeature> features = Set.of();
        private Fixture fixture = Fixture.EMPTY;

        private Builder(String id) {
            this.id = id;
        }

        public Builder title(String t) {
            this.title = t;
            return this;
        }

        public Builder rule(String r) {
            this.rule = r;
            return this;
        }

        /** The scenario's axis; conformance unless said. */
        public Builder axis(Axis a) {
            this.axis = a;
            return this;
        }

        /** Shorthand for {@code axis(Axis.HARDENING)}: the request breaks a rule that binds the driver. */
        public Builder hardening() {
            return axis(Axis.HARDENING);
        }

        public Builder driver(String name) {
            this.driver = DriverProfile.byName(name);
            return this;
        }

        public Builder options(FrontendOptions o) {
            this.options = o;
            return this;
        }

        public Builder features(DaemonFeature... wanted) {
            this.features = Set.of(wanted);
            return this;
        }

        public Builder fixture(Fixture f) {
            this.fixture = f;
            return this;
        }

        public Scenario check(Check c) {
            return build(new Body.OnSession(c));
        }

        /** A check run by a real guest; the driver profile and VM options do not apply. */
        public Scenario guest(GuestCheck c) {
            return build(new Body.OnGuest(c));
        }

        private Scenario build(Body body) {
            if (title.isBlank() || rule.isBlank()) {
                throw new IllegalStateException("scenario " + id + " needs a title and a rule");
            }
            return new Scenario(id, title, rule, axis, driver, options, features, fixture, body);
        }
    }
}
