package dev.vfc.passthrough;

import java.util.Objects;
import java.util.Optional;

/**
 * The optional behaviours of the passthrough filesystem, each one a Rust virtiofsd 1.13
 * command-line option (src/main.rs {@code Opt}, src/passthrough/mod.rs {@code Config}); all
 * off by default, as there.
 *

                * @param allowDirectIo pass O_DIRECT from the guest's open flags to the host (Rust {@code --allow-direct-io}); off, it is stripped

                * @param writeback ask for FUSE_WRITEBACK_CACHE and open write-only files read-write (the kernel reads pages it caches) without O_APPEND (the kernel appends itself), as Rust {@code open_inode} in passthrough/mod.rs
 * @param preserveNoatime keep O_NOATIME (Rust {@code --preserve-noatime}); off, it is stripped,
                since it is EPERM unless the daemon owns the file
 * @param posixAcl ask for FUSE_POSIX_ACL (with DONT_MASK and SETXATTR_EXT, refusing INIT without them,
                as Rust); off, the system.posix_acl_* names are ENOTSUP as in Rust's {@code block_xattr}

                * @param announceSubmounts ask for FUSE_SUBMOUNTS and mark directories on another st_dev than their parent with FUSE_ATTR_SUBMOUNT
 * @param killprivV2 ask for FUSE_HANDLE_KILLPRIV_V2 and clear suid/sgid on WRITE_KILL_SUIDGID,
                FATTR_KILL_SUIDGID and FUSE_OPEN_KILL_SUIDGID
 * @param allowMmap with cache never, ask for FUSE_DIRECT_IO_ALLOW_MMAP (fuse.h 7.39,
                beyond our 7.38: see {@link PassthroughFileSystem#init})
 * @param securityLabel ask for FUSE_SECURITY_CTX and store the security context sent with CREATE, MKDIR,
                MKNOD and SYMLINK as an xattr
 * @param xattrmap {@code --xattrmap}: how xattr names are mapped ({@link XattrMap})
 * @param inodeFileHandles the {@code --inode-file-handles} mode, checked at start-up
 */
public record Features(boolean allowDirectIo, boolean writeback, boolean preserveNoatime, boolean posixAcl,
                boolean announceSubmounts, boolean killprivV2, boolean allowMmap, boolean securityLabel, InodeFileHandles inodeFileHandles,
        Optional<XattrMap> xattrmap) {

    /** Everything off, the defaults of the Rust daemon (bar its file-handle mode, see {@link InodeFileHandles}). */
    public static final Features NONE = new Features(false, false, false, false, false, false, false, false,
                InodeFileHandles.NEVER,
            Optional.empty());

    public Features {
        Objects.requireNonNull(inodeFileHandles, "inodeFileHandles");
        Objects.requireNonNull(xattrmap, "xattrmap");
    }

    public Features withAllowDirectIo(boolean on) {
        return new Features(on, writeback, preserveNoatime, posixAcl, announceSubmounts, killprivV2,
                allowMmap, securityLabel, inodeFileHandles, xattrmap);
    }

    public Features withWriteback(boolean on) {
        return new Features(allowDirectIo, on, preserveNoatime, posixAcl, announceSubmounts, killprivV2,
                allowMmap, securityLabel, inodeFileHandles, xattrmap);
    }

    public Features withPreserveNoatime(boolean on) {
        return new Features(allowDirectIo, writeback, on, posixAcl, announceSubmounts, killprivV2, allowMmap,
                securityLabel, inodeFileHandles, xattrmap);
    }

    public Features withPosixAcl(boolean on) {
        return new Features(allowDirectIo, writeback, preserveNoatime, on, announceSubmounts, killprivV2,
                allowMmap, securityLabel, inodeFileHandles, xattrmap);
    }

    public Features withAnnounceSubmounts(boolean on) {
        return new Features(allowDirectIo, writeback, preserveNoatime, posixAcl, on, killprivV2, allowMmap,
                securityLabel, inodeFileHandles, xattrmap);
    }

    public Features withKillprivV2(boolean on) {
        return new Features(allowDirectIo, writeback, preserveNoatime, posixAcl, announceSubmounts, on,
                allowMmap, securityLabel, inodeFileHandles, xattrmap);
    }

    public Features withAllowMmap(boolean on) {
        return new Features(allowDirectIo, writeback, preserveNoatime, posixAcl, announceSubmounts,
                killprivV2, on, securityLabel, inodeFileHandles, xattrmap);
    }

    public Features withSecurityLabel(boolean on) {
        return new Features(allowDirectIo, writeback, preserveNoatime, posixAcl, announceSubmounts,
                killprivV2, allowMmap, on, inodeFileHandles, xattrmap);
    }

    public Features withInodeFileHandles(InodeFileHandles mode) {
        return new Features(allowDirectIo, writeback, preserveNoatime, posixAcl, announceSubmounts,
                killprivV2, allowMmap, securityLabel, mode, xattrmap);
    }

    public Features withXattrmap(Optional<XattrMap> map) {
        return new Features(allowDirectIo, writeback, preserveNoatime, posixAcl, announceSubmounts, killprivV2,
                allowMmap, securityLabel, inodeFileHandles, map);
    }
}
