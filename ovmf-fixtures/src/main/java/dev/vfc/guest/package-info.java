/**
 * A real Linux guest against each daemon: Debian bookworm's kernel, its own virtio-fs and FUSE
 * modules and busybox, booted by QEMU 7.2 on a daemon's socket. Firmware (dev.vfc.ovmf) only
 * reads; the Linux driver writes, renames, links, truncates and lists directories with the
 * request shapes real users produce, so a daemon that passes the protocol-level suite but
 * mishandles the driver's traffic shows up here.
 *
 * <p>{@link dev.vfc.guest.LinuxGuestImage} makes the guest at test time from Debian packages,
 * {@link dev.vfc.guest.LinuxGuest} runs it, and the workload itself is the {@code init.sh}
 * resource, which reports each step as a {@code VFC-STEP} line on the serial console.
 */
package dev.vfc.guest;
