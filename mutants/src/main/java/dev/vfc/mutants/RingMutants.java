package dev.vfc.mutants;

import dev.vfc.backend.CallFault;
import dev.vfc.daemon.Assembly;
import java.util.List;
import java.util.Set;

/** Bugs in the vhost-user backend's handling of the rings. */
final class RingMutants {

    private RingMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                new Mutant("no-call-notification", "publishes every used element and never signals the call eventfd",
                        "virtio 1.3 §2.7.7.2; a backend that relies on the guest polling, as OVMF does", Set.of(),
                        Assembly.ofCallFault(CallFault.NO_CALL_NOTIFICATION)),
                new Mutant("no-call-after-renew", "keeps signalling a ring's first call eventfd after "
                        + "SET_VRING_CALL replaced it", "QEMU renews the call notifier on MSI-X mask and unmask; a "
                        + "worker that caches it signals a descriptor nobody reads", Set.of(),
                        Assembly.ofCallFault(CallFault.NO_CALL_AFTER_RENEW)));
    }
}
