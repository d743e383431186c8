package dev.vfc.driver;

import dev.vfc.fuse.Attr;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.vhostuser.VirtioFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OVMF's VirtioFsDxe as edk2-stable202211 (Debian's OVMF 2022.11) builds it.
 * OvmfPkg/VirtioFsDxe/Helpers.c {@code VirtioFsSgListsValidate}/{@code VirtioFsSgListsSubmit}:
 * every request and reply buffer is exactly one descriptor, zero-length buffers are never
 * sent, no indirect descriptors, no event index, only queue 1, polling with
 * VRING_AVAIL_F_NO_INTERRUPT set. FuseRead.c {@code VirtioFsFuseReadFileOrDir}: a READ's (and
 * READDIRPLUS's) data buffer is exactly {@code size} bytes, and SimpleFsRead.c reads a whole
 * file in one READ (nothing caps it but the 32-bit size field); SimpleFsWrite.c splits writes
 * into FUSE_WRITEs of at most the INIT reply's {@code max_write} (FuseInit.c keeps only
 * max_write and refuses one under 4096). OVMF never sends FUSE_READDIR.
 */
public record OvmfProfile() implements DriverProfile {


    @Override
    public String name() {
        return "ovmf";
    }

    @Override
    public long ackedFeatures(long offered) {
        return offered & (VirtioFeatures.VERSION_1 | VirtioFeatures.ACCESS_PLATFORM);
    }

    @Override
    public boolean usesHiprio() {
        return false;
    }

    @Override
    public boolean polls() {
        return true;
    }

    /** FuseInit.c: FUSE 7.31, max_readahead 0, flags = FUSE_DO_READDIRPLUS only, 16-byte body. */
    @Override
    public InitIn initRequest() {
        return InitIn.of(7, 31, 0, FuseInitFlags.DO_READDIRPLUS);
    }

    @Override
    public int initBodySize() {
        return InitIn.SIZE_COMPAT;
    }

    @Override
    public ChainLayout layout(FuseRequest request, boolean indirectAvailable) {
        List<Segment> segments = new ArrayList<>();
        segments.add(Segment.readable(request.header()));
        request.args().forEach(arg -> segments.add(Segment.readable(arg)));
        segments.add(Segment.writable(FuseOutHeader.SIZE));
        for (ReplyArg arg : request.reply()) {
            switch (arg.kind()) {
                case ENTRY_OUT, ATTR_OUT -> {
                    segments.add(Segment.writable(arg.size() - Attr.SIZE));
                    segments.add(Segment.writable(Attr.SIZE));
                }
                case FIXED, DATA -> {
                    if (arg.size() > 0) {
                        segments.add(Segment.writable(arg.size()));
                    }
                }
            }
        }
        return new ChainLayout(segments, false);
    }

    /** VirtioFsFuseForget: the header and the forget_in body, one descriptor each, no reply buffer at all. */
    @Override
    public ChainLayout layoutWithoutReply(FuseRequest request) {
        List<Segment> segments = new ArrayList<>();
        segments.add(Segment.readable(request.header()));
        request.args().forEach(arg -> segments.add(Segment.readable(arg)));
        return new ChainLayout(segments, false);
    }

    @Override
    public String modelledVersion() {
        return "edk2-stable202211 OvmfPkg/VirtioFsDxe (Debian OVMF 2022.11)";
    }

    /**
     * OVMF ignores max_pages: the caller's whole buffer goes in one READ; WRITEs are chunked at
     * the INIT reply's max_write; never indirect.
     */
    @Override
    public RequestLimits limits(InitGrant grant, int queueSize, boolean indirectNegotiated) {
        return new RequestLimits(queueSize, 0xFFFF_FFFFL, grant.maxWrite(), false);
    }

    @Override
    public Optional<String> wouldNotBuild(ChainLayout layout, RequestLimits limits) {
        ChainShape c = ChainShape.of(layout);
        Optional<String> common = c.commonViolation(limits);
        if (common.isPresent()) {
            return common;
        }
        if (c.indirect()) {
            return Optional.of("an indirect table: OVMF never negotiates VIRTIO_F_INDIRECT_DESC");
        }
        if (c.readable().get(0) != 40) {
            return Optional.of("the header shares a buffer with the body; OVMF gives every part its own descriptor");
        }
        return switch (c.opcode()) {
            case ChainShape.READ, ChainShape.READDIRPLUS -> oneDataBuffer(c.writable(), c.sizeField(), "READ");
            case ChainShape.READDIR -> Optional.of("FUSE_READDIR, which OVMF never sends (only READDIRPLUS)");
            case ChainShape.WRITE -> c.sizeField() > limits.maxWrite()
                    ? Optional.of("WRITE of " + c.sizeField() + " bytes above max_write " + limits.maxWrite()
                            + " (SimpleFsWrite.c chunks at max_write)")
                    : oneDataBuffer(c.readable().subList(1, c.readable().size()), c.sizeField(), "WRITE");
            default -> Optional.empty();
        };
    }

    /** [fixed-header, exactly-size] after the FUSE header: FuseRead.c / FuseWrite.c. */
    private static Optional<String> oneDataBuffer(List<Integer> buffers, long size, String what) {
        boolean ok = buffers.size() == (size == 0 ? 1 : 2) && (size == 0 || buffers.get(1) == size);
        return ok ? Optional.empty()
                : Optional.of(what + " buffers " + buffers + " for size " + size + "; OVMF sends one header buffer "
                        + "and one data buffer of exactly size bytes (FuseRead.c, FuseWrite.c)");
    }
}
