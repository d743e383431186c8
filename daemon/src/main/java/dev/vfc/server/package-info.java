/**
 * The FUSE server of the Java virtio-fs daemon: {@link dev.vfc.server.FuseServer} decodes a request
 * from a descriptor chain, validates it, calls the typed {@link dev.vfc.fs.FileSystem}, and encodes
 * the reply or the errno (the parse / execute / reply split of the Rust virtiofsd's server.rs and of
 * MINA SSHD, without their god class: one small handler per opcode, grouped by subject in
 * {@code SessionOps}, {@code EntryOps}, {@code AttrOps}, {@code FileOps}, {@code DirOps} and
 * {@code XattrOps}).
 *
 * <h2>Errno decisions</h2>
 * <table>
 * <caption>What the server answers by itself, and why</caption>
 * <tr><th>Case</th><th>Answer</th><th>Why</th></tr>
 * <tr><td>fewer than 40 readable bytes</td><td>EINVAL with the unique from bytes 8..15 if present,
 *   else 0; nothing if the opcode (bytes 4..7) is FORGET/BATCH_FORGET/INTERRUPT or fewer than 16 bytes
 *   are writable</td><td>virtio returns replies with their chain (virtio 1.3 §2.7.8), so the driver
 *   can tell which request failed even without a unique; an empty used element tells it nothing</td></tr>
 * <tr><td>{@code in_header.len} not equal to the readable bytes</td><td>EINVAL</td><td>Linux
 *   (virtio_fs.c) and OVMF (edk2-stable202211 OvmfPkg/VirtioFsDxe/Helpers.c
 *   VirtioFsFuseNewRequest) always send exact lengths; anything else is a broken or hostile driver,
 *   and trusting either number would misparse the body</td></tr>
 * <tr><td>{@code total_extlen} larger than the body</td><td>EINVAL</td><td>the extension cannot be
 *   where the header says</td></tr>
 * <tr><td>any request before INIT (and after DESTROY)</td><td>EIO</td><td>as the C virtiofsd and
 *   libfuse ("got_init"); there is no node table yet</td></tr>
 * <tr><td>unknown opcode, or GETLK, SETLK, SETLKW, BMAP, IOCTL, POLL, SETUPMAPPING, REMOVEMAPPING,
 *   TMPFILE, NOTIFY_REPLY, CUSE_INIT</td><td>ENOSYS</td><td>what Linux expects for "not implemented"
 *   and remembers (fc->no_*); the same set the Rust virtiofsd's passthrough refuses</td></tr>
 * <tr><td>body shorter than the opcode's struct</td><td>EINVAL</td><td>FUSE_INIT accepts the
 *   16-byte pre-7.36 body that OVMF sends; longer bodies are accepted and the surplus ignored, as
 *   libfuse does</td></tr>
 * <tr><td>fixed-size reply that does not fit the writable room</td><td>E2BIG, before the filesystem
 *   runs</td><td>nothing is created, opened or counted as a lookup whose reply cannot be delivered;
 *   the C virtiofsd's errno for a reply that does not fit</td></tr>
 * <tr><td>non-WRITE body over 1 MiB</td><td>E2BIG</td><td>no well-formed request is near it; the
 *   body is copied to the heap, so the guest must not choose the allocation</td></tr>
 * <tr><td>name without NUL inside the body</td><td>EINVAL</td><td>the kernel always terminates
 *   names</td></tr>
 * <tr><td>empty LOOKUP name</td><td>ENOENT</td><td>POSIX's answer for an empty pathname
 *   (path_resolution(7)); no entry has that name</td></tr>
 * <tr><td>empty name elsewhere, '/' in any entry name, "." or ".." as a name that is created,
 *   removed or renamed (MKNOD, MKDIR, SYMLINK, LINK, CREATE, RENAME, RENAME2, UNLINK, RMDIR)</td>
 *   <td>EINVAL</td><td>the C virtiofsd's is_safe_path_component; a '/' in a name is how a guest leaves
 *   the share (CVE-2026-47243); the passthrough checks again</td></tr>
 * <tr><td>empty SYMLINK target</td><td>ENOENT</td><td>symlink(2)</td></tr>
 * <tr><td>INIT major &lt; 7, or 7 with minor &lt; 27</td><td>EPROTO</td><td>the Rust virtiofsd's
 *   minimum (virtiofsd 1.13 src/server.rs MIN_KERNEL_MINOR_VERSION)</td></tr>
 * <tr><td>INIT major &gt; 7</td><td>a 64-byte init_out holding only 7.38, no session</td><td>fuse.h
 *   "Version negotiation": answer our major and wait for a new INIT</td></tr>
 * <tr><td>READ with less room than 16 + size</td><td>E2BIG, filesystem not called</td><td>writing past
 *   the writable buffers is forbidden (virtio 1.3 §2.7.4.2) and a short read means end of file to
 *   Linux (fs/fuse/file.c, fuse_short_read); as the C virtiofsd</td></tr>
 * <tr><td>READ, READDIR with fewer than 16 writable bytes</td><td>nothing written, used length 0</td>
 *   <td>no room even for the header; never a partial header</td></tr>
 * <tr><td>READDIR(PLUS) whose first record does not fit</td><td>E2BIG if it fits {@code size} but not
 *   the chain, else EINVAL</td><td>an empty reply would mean end of directory; getdents(2) says EINVAL
 *   for a too small buffer</td></tr>
 * <tr><td>READDIRPLUS without DO_READDIRPLUS negotiated</td><td>ENOSYS</td><td>"readdirplus off"
 *   means off</td></tr>
 * <tr><td>WRITE whose data is not exactly {@code size} bytes</td><td>EINVAL, nothing written</td>
 *   <td>validate before side effects; the Rust virtiofsd 1.13 writes first (src/server.rs
 *   write)</td></tr>
 * <tr><td>SETXATTR value shorter than its {@code size}</td><td>EINVAL</td><td>malformed</td></tr>
 * <tr><td>GETXATTR/LISTXATTR value longer than a non-zero {@code size}</td><td>ERANGE</td>
 *   <td>getxattr(2), listxattr(2); size 0 gets a fuse_getxattr_out with the length</td></tr>
 * <tr><td>{@code FsException}</td><td>its errno</td><td>if it is 1..511; other values the kernel
 *   rejects (fs/fuse/dev.c), so EIO</td></tr>
 * <tr><td>{@code FuseDecodeException}, {@code ChainException}</td><td>EINVAL</td><td>the request
 *   does not hold what it claims</td></tr>
 * <tr><td>any other exception or error</td><td>EIO, logged at WARNING with the request</td><td>a
 *   bug on our side must not end the queue worker</td></tr>
 * </table>
 */
package dev.vfc.server;
