package dev.vfc.driver;

import dev.vfc.fuse.Attr;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOutHeader;
import dev.vfc.fuse.InitIn;
import dev.vfc.vhostuser.VirtioFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * OVMF's VirtioFsDxe (edk2-stable202211, OvmfPkg/VirtioFsDxe/Helpers.c
 * {@code VirtioFsSgListsValidate}/{@code Submit}): every request and reply buffer is exactly
 * one descriptor, so a READ of a whole file is ONE device-writable descriptor of the file's
 * size; no indirect descriptors, no event index, only queue 1, polling with
 * VRING_AVAIL_F_NO_INTERRUPT set. Zero-length buffers are never sent.
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

    /** OVMF ignores max_pages and max_write for reads: the caller's whole buffer goes in one READ. */
    @Override
    public long maxReadSize(int maxPages, boolean maxPagesGranted, int queueSize) {
        return 0xFFFF_FFFFL;
    }
}
