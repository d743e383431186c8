package dev.vfc.server.fake;

import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseStruct;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a request chain the way a guest driver lays it out: the 40-byte header in one descriptor,
 * then each body part in its own (as OVMF does), with {@code len} computed unless overridden.
 */
public final class Req {

    private static final AtomicLong UNIQUE = new AtomicLong(100);

    private final int opcode;
    private long unique = UNIQUE.incrementAndGet();
    private long nodeid;
    private Integer len;
    private int totalExtlen;
    private int uid;
    private int gid;
    private int pid = 1;
    private final List<byte[]> parts = new ArrayList<>();
    private long virtualTail;

    private Req(int opcode) {
        this.opcode = opcode;
    }

    public static Req op(FuseOpcode op) {
        return new Req(op.code());
    }

    public static Req raw(int opcode) {
        return new Req(opcode);
    }

    public Req node(long id) {
        nodeid = id;
        return this;
    }

    public Req unique(long u) {
        unique = u;
        return this;
    }

    /** Overrides fuse_in_header.len (default: the chain's readable length). */
    public Req len(int l) {
        len = l;
        return this;
    }

    public Req extlen(int units) {
        totalExtlen = units;
        return this;
    }

    public Req creds(int u, int g, int p) {
        uid = u;
        gid = g;
        pid = p;
        return this;
    }

    public Req body(FuseStruct s) {
        parts.add(s.toBytes());
        return this;
    }

    public Req bytes(byte[] b) {
        parts.add(b);
        return this;
    }

    /** A name with its NUL. */
    public Req name(String n) {
        byte[] s = n.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        parts.add(z);
        return this;
    }

    /** Data that is counted but not stored: {@code n} zero bytes at the end of the chain. */
    public Req virtualPayload(long n) {
        virtualTail = n;
        return this;
    }

    public long unique() {
        return unique;
    }

    public int opcode() {
        return opcode;
    }

    public long length() {
        return FuseInHeader.SIZE + parts.stream().mapToLong(p -> p.length).sum() + virtualTail;
    }

    public byte[] headerBytes() {
        ByteBuffer b = ByteBuffer.allocate(FuseInHeader.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int l = len != null ? len : (int) length();
        new FuseInHeader(l, opcode, unique, nodeid, uid, gid, pid, totalExtlen).encodeTo(b);
        return b.array();
    }

    public HeapChainReader chain() {
        List<byte[]> segs = new ArrayList<>();
        segs.add(headerBytes());
        segs.addAll(parts);
        return new HeapChainReader(segs, virtualTail);
    }

    @Override
    public String toString() {
        return FuseOpcode.describe(opcode) + "#" + unique;
    }
}
