/**
 * The daemon's passthrough filesystem: a host directory served through
 * {@link dev.vfc.fs.FileSystem}, built like the Rust virtiofsd's {@code passthrough/}.
 *
 * <ul>
 * <li>{@link dev.vfc.passthrough.PassthroughFileSystem}: one method per FUSE operation, each delegated to
 *     one group of operations over the {@link dev.vfc.passthrough.SharedTree} (entries, attributes,
 *     files, directories, xattrs).
 * <li>{@link dev.vfc.passthrough.InodeTable}: node id to O_PATH descriptor, keyed by
 *     (st_dev, st_ino), with FUSE lookup counts.
 * <li>{@link dev.vfc.passthrough.HandleTable}: file handle to open descriptor.
 * <li>{@link dev.vfc.passthrough.Names}: single-component names (CVE-2026-47243).
 * <li>{@link dev.vfc.passthrough.Credentials}: the guest's fsuid/fsgid and umask around
 *     creating calls; dropping supplementary groups (CVE-2022-0358).
 * <li>{@link dev.vfc.passthrough.DirectoryStream}: READDIR with re-seekable host cookies.
 * </ul>
 *
 * <p>Nothing but regular files and directories is ever opened on the host (CVE-2020-35517),
 * and no symlink is ever followed.
 */
package dev.vfc.passthrough;
