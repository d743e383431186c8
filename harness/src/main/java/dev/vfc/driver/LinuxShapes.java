package dev.vfc.driver;

import java.util.List;
import java.util.Optional;

/**
 * The chains Linux 6.1's virtio_fs driver builds ({@link LinuxProfile} cites the source), as a
 * test of a chain read back from a transcript: header entry, at most one entry of fixed
 * arguments each way, bulk data in entries of at most a page, READs and WRITEs within the
 * connection's caps, READDIR(PLUS) of exactly one page (fs/fuse/readdir.c
 * {@code fuse_readdir_uncached}), indirect exactly when negotiated.
 */
final class LinuxShapes {

    private static final int PAGE = LinuxProfile.PAGE_SIZE;

    private LinuxShapes() {
    }

    static Optional<String> violation(ChainShape c, RequestLimits limits) {
        Optional<String> common = c.commonViolation(limits);
        if (common.isPresent()) {
            return common;
        }
        if (c.indirect() != (limits.indirect() && c.descriptors() > 1)) {
            return Optional.of(limits.indirect() ? "a direct chain where virtio_ring uses an indirect table"
                    : "an indirect table, which this configuration does not use");
        }
        if (c.opcode() == ChainShape.FORGET) {
            return c.readable().equals(List.of(48)) && c.writable().isEmpty() ? Optional.empty()
                    : Optional.of("a FORGET other than one 48-byte virtio_fs_forget_req buffer (fs/fuse/virtio_fs.c "
                            + "send_forget_request)");
        }
        if (c.readable().get(0) != 40) {
            return Optional.of("the header shares its entry with the body; Linux 6.1 gives fuse_in_header its own");
        }
        if (c.writable().isEmpty()) {
            return Optional.of("a request without reply buffers; Linux 6.1 gives every request but FORGET an "
                    + "out-header (virtio_fs_enqueue_req, FR_ISREPLY)");
        }
        if (c.writable().get(0) != 16) {
            return Optional.of("the first writable entry is not the 16-byte fuse_out_header");
        }
        return switch (c.opcode()) {
            case ChainShape.READ -> read(c, limits);
            case ChainShape.WRITE -> write(c, limits);
            case ChainShape.READDIR, ChainShape.READDIRPLUS -> readdir(c);
            case ChainShape.READLINK -> pages(c.writable().subList(1, c.writable().size()), "READLINK data");
            default -> fixed(c);
        };
    }

    private static Optional<String> read(ChainShape c, RequestLimits limits) {
        if (c.sizeField() > limits.maxRead()) {
            return Optional.of("READ of " + c.sizeField() + " bytes, above the " + limits.maxRead()
                    + " bytes Linux 6.1 sends at most (max_pages, fs/fuse/virtio_fs.c virtio_fs_get_tree)");
        }
        if (c.readable().size() != 2) {
            return Optional.of("a READ whose fuse_read_in is not one entry after the header");
        }
        if (c.writableAfterHeader() != c.sizeField()) {
            return Optional.of("READ data buffers of " + c.writableAfterHeader() + " bytes for size " + c.sizeField()
                    + " (Linux gives the reply exactly size bytes of pages)");
        }
        return pages(c.writable().subList(1, c.writable().size()), "READ data");
    }

    private static Optional<String> write(ChainShape c, RequestLimits limits) {
        if (c.sizeField() > limits.maxWrite()) {
            return Optional.of("WRITE of " + c.sizeField() + " bytes, above the " + limits.maxWrite()
                    + " bytes Linux 6.1 sends at most (max_write and max_pages, fs/fuse/file.c)");
        }
        if (c.readable().size() < 2 || c.readableAfter(2) != c.sizeField()) {
            return Optional.of("a WRITE whose payload (" + c.readableAfter(2) + " bytes) is not size " + c.sizeField());
        }
        if (!c.writable().equals(List.of(16, 8))) {
            return Optional.of("WRITE reply buffers " + c.writable() + " (Linux gives out-header 16 and write_out 8)");
        }
        return pages(c.readable().subList(2, c.readable().size()), "WRITE payload");
    }

    private static Optional<String> readdir(ChainShape c) {
        if (c.sizeField() != PAGE || !c.writable().equals(List.of(16, PAGE))) {
            return Optional.of("READDIR(PLUS) of size " + c.sizeField() + " into " + c.writable()
                    + "; Linux 6.1 asks for exactly one page (fs/fuse/readdir.c fuse_readdir_uncached)");
        }
        return Optional.empty();
    }

    private static Optional<String> fixed(ChainShape c) {
        if (c.readable().size() > 2) {
            return Optional.of(c.readable().size() + " readable entries; Linux 6.1 copies all fixed arguments into "
                    + "one (fs/fuse/virtio_fs.c copy_args_to_argbuf)");
        }
        if (c.writable().size() > 2) {
            return Optional.of(c.writable().size() + " writable entries; Linux 6.1 gives all fixed reply arguments "
                    + "one (fs/fuse/virtio_fs.c sg_init_fuse_args)");
        }
        return Optional.empty();
    }

    private static Optional<String> pages(List<Integer> lengths, String what) {
        for (int i = 0; i < lengths.size(); i++) {
            int n = lengths.get(i);
            if (n > PAGE || (n < PAGE && i != lengths.size() - 1)) {
                return Optional.of(what + " entry " + i + " of " + n + " bytes; Linux 6.1 fills whole pages "
                        + "(fs/fuse/virtio_fs.c sg_init_fuse_pages)");
            }
        }
        return Optional.empty();
    }
}
