package dev.vfc.targets;

import java.util.Objects;
import java.util.Optional;

/** Whether a {@link DaemonTarget} can run on this machine, and if not, why not. */
public sealed interface Availability permits Availability.Available, Availability.Unavailable {

    /** The target can run; {@code version} is what the daemon says it is, or "unknown". */
    record Available(String version) implements Availability {
        public Available {
            Objects.requireNonNull(version, "version");
        }
    }

    /** The target cannot run here; {@code reason} says what is missing and how to get it. */
    record Unavailable(String reason) implements Availability {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Availability available(String version) {
        return new Available(version == null || version.isBlank() ? "unknown" : version.strip());
    }

    static Availability unavailable(String reason) {
        return new Unavailable(reason);
    }

    default boolean isAvailable() {
        return this instanceof Available;
    }

    /** The reason when unavailable, empty when available. */
    default Optional<String> unavailableReason() {
        return this instanceof Unavailable u ? Optional.of(u.reason()) : Optional.empty();
    }

    /** One line for logs and reports: "available (virtiofsd version 7.2.22 ...)" or "unavailable: reason". */
    default String describe() {
        if (this instanceof Available a) {
            return "available (" + a.version() + ")";
        }
        return "unavailable: " + ((Unavailable) this).reason();
    }
}
