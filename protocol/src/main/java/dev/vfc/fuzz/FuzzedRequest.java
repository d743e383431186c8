package dev.vfc.fuzz;

import dev.vfc.fuse.FuseInHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One FUSE request as a driver lays it out in a descriptor chain, with the freedoms a fuzzer
 * takes: any opcode (known or not), a header {@code len} that may lie, a body of any bytes, the
 * request split over several device-readable descriptors and the reply room over several
 * device-writable ones. The {@code unique} is the sender's to give ({@link #encode}).
 *
 * @param opcode   fuse_in_header.opcode, any value
 * @param nodeid   fuse_in_header.nodeid
 * @param declaredLen fuse_in_header.len when it lies; null when it is the true length
 * @param body     the bytes after the header
 * @param readable the lengths of the device-readable descriptors, in chain order; they add up to
 *                 {@link #length()}
 * @param writable the lengths of the device-writable descriptors, in chain order
 */
public record FuzzedRequest(int opcode, long nodeid, Integer declaredLen, byte[] body, List<Integer> readable,
        List<Integer> writable) {

    public FuzzedRequest {
        Objects.requireNonNull(body, "body");
        readable = List.copyOf(readable);
        writable = List.copyOf(writable);
        long split = readable.stream().mapToLong(Integer::longValue).sum();
        if (split != FuseInHeader.SIZE + body.length) {
            throw new IllegalArgumentException("the readable descriptors hold " + split + " bytes, the request "
                    + (FuseInHeader.SIZE + body.length));
        }
    }

    /** A request in one readable and one writable descriptor, its header telling the truth. */
    public static FuzzedRequest plain(int opcode, long nodeid, byte[] body, int room) {
        return new FuzzedRequest(opcode, nodeid, null, body, List.of(FuseInHeader.SIZE + body.length), List.of(room));
    }

    /** Header and body, in bytes. */
    public int length() {
        return FuseInHeader.SIZE + body.length;
    }

    /** What the header's len says. */
    public int headerLen() {
        return declaredLen == null ? length() : declaredLen;
    }

    public long writableBytes() {
        return writable.stream().mapToLong(Integer::longValue).sum();
    }

    /** The header this request carries with {@code unique}: uid and gid 0, pid 1, as the Jazzer test always sent. */
    public FuseInHeader header(long unique) {
        return new FuseInHeader(headerLen(), opcode, unique, nodeid, 0, 0, 1, 0);
    }

    /** Header and body as the readable descriptors carry them, back to back. */
    public ByteBuffer encode(long unique) {
        ByteBuffer request = ByteBuffer.allocate(length()).order(ByteOrder.LITTLE_ENDIAN);
        header(unique).encodeTo(request);
        return request.put(body).flip();
    }

    /** The same request with another body; the readable split keeps its leading parts and ends where the request does. */
    public FuzzedRequest withBody(byte[] newBody) {
        return new FuzzedRequest(opcode, nodeid, declaredLen, newBody, fit(readable, FuseInHeader.SIZE + newBody.length),
                writable);
    }

    /** The same request in one readable and one writable descriptor of the same totals. */
    public FuzzedRequest unsplit() {
        return new FuzzedRequest(opcode, nodeid, declaredLen, body, List.of(length()), List.of((int) writableBytes()));
    }

    /**
     * Simpler requests to try in this one's place while minimising, the biggest cut first: no
     * body, half the body, one descriptor each way, a header that tells the truth.
     */
    public List<FuzzedRequest> smaller() {
        List<FuzzedRequest> out = new java.util.ArrayList<>();
        if (body.length > 0) {
            out.add(withBody(new byte[0]));
        }
        if (body.length > 1) {
            out.add(withBody(Arrays.copyOf(body, body.length / 2)));
        }
        if (readable.size() > 1 || writable.size() > 1) {
            out.add(unsplit());
        }
        if (declaredLen != null) {
            out.add(new FuzzedRequest(opcode, nodeid, null, body, readable, writable));
        }
        return out;
    }

    /** {@code parts} cut or stretched to add up to {@code total}: the last part takes the difference. */
    private static List<Integer> fit(List<Integer> parts, int total) {
        int[] out = new int[parts.size()];
        int left = total;
        for (int i = 0; i < out.length; i++) {
            out[i] = i == out.length - 1 ? left : Math.min(parts.get(i), left);
            left -= out[i];
        }
        return Arrays.stream(out).boxed().toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuzzedRequest r && r.opcode == opcode && r.nodeid == nodeid
                && Objects.equals(r.declaredLen, declaredLen) && Arrays.equals(r.body, body)
                && r.readable.equals(readable) && r.writable.equals(writable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opcode, nodeid, declaredLen, Arrays.hashCode(body), readable, writable);
    }

    @Override
    public String toString() {
        return "FuzzedRequest[opcode=" + opcode + ", nodeid=" + nodeid + ", declaredLen=" + declaredLen + ", body="
                + body.length + " bytes, readable=" + readable + ", writable=" + writable + "]";
    }
}
