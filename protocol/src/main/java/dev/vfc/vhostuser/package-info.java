/**
 * The vhost-user wire format as a pure codec: message header, request codes, the payload
 * layouts each request uses, and the feature bits both sides negotiate. No I/O happens here;
 * the socket transport (which also carries file descriptors as SCM_RIGHTS ancillary data)
 * frames bytes and hands them to {@link dev.vfc.vhostuser.VhostUserCodec}.
 *
 * <p>The rules cited in this package are from QEMU's {@code docs/interop/vhost-user.rst}
 * ("Vhost-user Protocol"): sections "Message Specification", "Front-end message types",
 * "Communication" and "Ring states". All fields are in host byte order, which for every
 * platform we run on (x86_64, aarch64) is little-endian; the codec always reads and writes
 * little-endian, whatever order the caller's buffer is set to.
 */
package dev.vfc.vhostuser;
