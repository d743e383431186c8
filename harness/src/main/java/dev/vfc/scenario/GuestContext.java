package dev.vfc.scenario;

import dev.vfc.targets.DaemonLaunch;
import dev.vfc.targets.DaemonTarget;
import java.nio.file.Path;

/**
 * What a real-guest check works with: the target to start, how to start it (socket, share,
 * log file, the scenario's extra arguments), and the host side of the share.
 */
public record GuestContext(DaemonTarget target, DaemonLaunch launch, Path shared, Path work) {
}
