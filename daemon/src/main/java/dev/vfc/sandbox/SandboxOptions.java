package dev.vfc.sandbox;

import java.util.Optional;
import java.util.Set;

/**
 * How the daemon confines itself, from {@code --sandbox}, {@code --seccomp}, {@code --modcaps},
 * {@code --uid-map} and {@code --gid-map} (the Rust virtiofsd 1.13's options of those names).
 *
 * @param mode         where the share becomes the root
 * @param seccomp      what a syscall outside the allow-list does
 * @param capabilities what the serving threads keep under {@code namespace} and {@code chroot}:
 *                     {@link PassthroughCapabilities#SERVING} as {@code --modcaps} changed it
 * @param uidMap       the user namespace's uid map when the daemon is not root ({@code --uid-map});
 *                     empty: the daemon's uid becomes 0 inside, as Rust does without one
 * @param gidMap       the same for gids ({@code --gid-map})
 */
public record SandboxOptions(SandboxMode mode, SeccompAction seccomp, Set<Integer> capabilities,
        Optional<IdRange> uidMap, Optional<IdRange> gidMap) {

    /** The Rust daemon's defaults: a namespace sandbox, seccomp kill, the passthrough capabilities. */
    public static final SandboxOptions DEFAULTS = new SandboxOptions(SandboxMode.NAMESPACE, SeccompAction.KILL,
            PassthroughCapabilities.SERVING, Optional.empty(), Optional.empty());

    /** No confinement at all: for {@code --help} and for a daemon in the suite's own JVM. */
    public static final SandboxOptions NONE = new SandboxOptions(SandboxMode.NONE, SeccompAction.NONE,
            PassthroughCapabilities.SERVING, Optional.empty(), Optional.empty());

    public SandboxOptions {
        capabilities = Set.copyOf(capabilities);
    }

    public SandboxOptions withMode(SandboxMode m) {
        return new SandboxOptions(m, seccomp, capabilities, uidMap, gidMap);
    }

    public SandboxOptions withSeccomp(SeccompAction s) {
        return new SandboxOptions(mode, s, capabilities, uidMap, gidMap);
    }

    public SandboxOptions withCapabilities(Set<Integer> c) {
        return new SandboxOptions(mode, seccomp, c, uidMap, gidMap);
    }

    public SandboxOptions withUidMap(IdRange m) {
        return new SandboxOptions(mode, seccomp, capabilities, Optional.of(m), gidMap);
    }

    public SandboxOptions withGidMap(IdRange m) {
        return new SandboxOptions(mode, seccomp, capabilities, uidMap, Optional.of(m));
    }
}
