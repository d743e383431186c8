/**
 * Daemon targets: how the harness starts a virtio-fs daemon on a fresh vhost-user socket
 * serving a shared directory, notices its death, collects its log, and stops it.
 *
 * <p>A {@link dev.vfc.targets.DaemonTarget} is one kind of daemon ("c", "rust",
 * "container:IMAGE", and the kinds other modules contribute as {@link dev.vfc.targets.TargetKind}); {@link dev.vfc.targets.DaemonTarget#start} returns a
 * {@link dev.vfc.targets.RunningDaemon} once its socket is listening. The frontend connects
 * to {@link dev.vfc.targets.RunningDaemon#socketPath()} afterwards. Daemons that run as
 * processes share {@link dev.vfc.targets.ProcessDaemon}: stdout and stderr go to the log
 * file (never a pipe), start-up waits have a deadline and fail fast when the process dies,
 * and {@code stop()} escalates from SIGTERM to SIGKILL after a grace period.
 *
 * <p>{@link dev.vfc.targets.Targets#byName} turns a spec from the command line or a
 * configuration ("c", "c=/path/to/virtiofsd") into a target.
 */
package dev.vfc.targets;
