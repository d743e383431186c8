/**
 * Split virtqueues (virtio 1.3 §2.7) over {@link dev.vfc.memory.GuestMemory}: the ring
 * layout, the driver side that the fake frontend uses to play a guest, and a minimal device
 * side for the Java daemon, with a descriptor-chain walker that refuses hostile chains.
 *
 * <p>All ring fields are little-endian (§2.7: "le16", "le32", "le64"). The 16-bit
 * {@code idx} fields are the only synchronisation between driver and device: each side
 * publishes its index with a release store after writing the entries it covers, and reads
 * the other side's index with an acquire load before reading those entries (§2.7.13.3.1,
 * §2.7.8.2: "memory barrier" before updating idx). Notification suppression reads the other
 * side's event index or flags after a full fence (§2.7.13.4 / §2.7.10).
 */
package dev.vfc.virtqueue;
