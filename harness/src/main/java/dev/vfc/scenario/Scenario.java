package dev.vfc.scenario;

import dev.vfc.driver.DriverProfile;
import dev.vfc.frontend.FrontendOptions;
import dev.vfc.targets.DaemonFeature;
import java.util.Set;
import java.util.Objects;

/**
 * One named check with the rule it holds a daemon to. The id is stable and hierarchical
 * ({@code read/large/2525712/ovmf}): results, baselines and reports key on it, so it is never
 * reused for a different check.
 *
 * @param id      stable id, {@code area/...}
 * @param title   what the scenario does, in a sentence
 * @param rule    where the expectation is written (virtio 1.3 §5.11..., vhost-user spec, FUSE as Linux implements it)
 * @param driver  the guest driver the frontend plays
 * @param options the VM the frontend plays (memory, queues, deadline)
 * @param features daemon behaviour switched on for this scenario, in each daemon's own spelling
 * @param fixture what the shared directory holds before the daemon starts
 * @param check   the check itself
 */
public record Scenario(String id, String title, String rule, DriverProfile driver, FrontendOptions options,
        Set<DaemonFeature> features, Fixture fixture, Check check) {

    public Scenario {
        Objects.requireNonNull(id);
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

    /** Fluent construction, defaulting to the Linux driver and QEMU 7.2's VM. */
    public static final class Builder {
        private final String id;
        private String title = "";
        private String rule = "";
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
            if (title.isBlank() || rule.isBlank()) {
                throw new IllegalStateException("scenario " + id + " needs a title and a rule");
            }
            return new Scenario(id, title, rule, driver, options, features, fixture, c);
        }
    }
}
