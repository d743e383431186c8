package dev.vfc.driver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A descriptor chain read back as a driver built it: the FUSE opcode and size field it carries
 * and the lengths of its readable and writable descriptors, so a profile can say whether it
 * builds such a chain. Reads only what the readable descriptors hold; a chain too short to
 * carry a header has opcode -1.
 *
 * @param opcode      {@code fuse_in_header.opcode}, or -1
 * @param sizeField   the {@code size} of fuse_read_in / fuse_write_in (body offset 16), or -1
 * @param readable    readable descriptor lengths, in chain order
 * @param writable    writable descriptor lengths, in chain order
 * @param ordered     whether every readable descriptor comes before every writable one
 *     (virtio 1.3 §2.7.4.2)
 * @param descriptors how many descriptors the chain has
 * @param indirect    whether it sits in an indirect table
 */
public record ChainShape(int opcode, long sizeField, List<Integer> readable, List<Integer> writable,
        boolean ordered, int descriptors, boolean indirect) {

    public static final int READ = 15;
    public static final int WRITE = 16;
    public static final int READLINK = 5;
    public static final int READDIR = 28;
    public static final int READDIRPLUS = 44;
    public static final int FORGET = 2;

    public static ChainShape of(ChainLayout layout) {
        List<Integer> readable = new ArrayList<>();
        List<Integer> writable = new ArrayList<>();
        boolean seenWritable = false;
        boolean ordered = true;
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, layout.readableBytes()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Segment s : layout.segments()) {
            if (s.writable()) {
                writable.add(s.length());
                seenWritable = true;
            } else {
                readable.add(s.length());
                ordered &= !seenWritable;
                ByteBuffer part = s.contents().duplicate();
                part.limit(part.position() + Math.min(part.remaining(), bytes.remaining()));
                bytes.put(part);
            }
        }
        bytes.flip();
        int opcode = bytes.remaining() >= 8 ? bytes.getInt(4) : -1;
        long size = bytes.remaining() >= 40 + 20 ? Integer.toUnsignedLong(bytes.getInt(40 + 16)) : -1;
        return new ChainShape(opcode, size, List.copyOf(readable), List.copyOf(writable), ordered,
                layout.segments().size(), layout.indirect());
    }

    /** The writable lengths after the first (the out-header buffer), summed. */
    public long writableAfterHeader() {
        return writable.stream().skip(1).mapToLong(Integer::longValue).sum();
    }

    /** The readable lengths after the header and the fixed body, summed. */
    public long readableAfter(int leading) {
        return readable.stream().skip(leading).mapToLong(Integer::longValue).sum();
    }

    /**
     * The virtio 1.3 rule this chain breaks that binds every driver, whatever its profile: a
     * chain longer than the queue (§2.7.5.3.1 "A driver MUST NOT create a descriptor chain longer
     * than allowed by the device"), a readable descriptor after a writable one (§2.7.4.2), an
     * indirect table without VIRTIO_F_INDIRECT_DESC (§2.7.5.3.1); empty when it breaks none.
     */
    public Optional<String> driverRuleViolation(int queueSize, boolean indirectNegotiated) {
        if (descriptors > queueSize) {
            return Optional.of(descriptors + " descriptors in one chain on a " + queueSize
                    + "-entry queue (virtio 1.3 §2.7.5.3.1: no chain longer than the device allows)");
        }
        if (!ordered) {
            return Optional.of("a readable descriptor after a writable one (virtio 1.3 §2.7.4.2)");
        }
        if (indirect && !indirectNegotiated) {
            return Optional.of("an indirect table without VIRTIO_F_INDIRECT_DESC (virtio 1.3 §2.7.5.3.1)");
        }
        return Optional.empty();
    }

    /** Why no driver builds this chain at all, whatever its profile: checks every profile starts with. */
    Optional<String> commonViolation(RequestLimits limits) {
        Optional<String> rule = driverRuleViolation(limits.queueSize(), true);
        if (rule.isPresent()) {
            return rule;
        }
        if (readable.stream().anyMatch(n -> n == 0) || writable.stream().anyMatch(n -> n == 0)) {
            return Optional.of("a zero-length descriptor");
        }
        if (readable.isEmpty() || readable.get(0) < 40) {
            return Optional.of("the first descriptor is shorter than the 40-byte fuse_in_header");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "opcode " + opcode + (sizeField >= 0 ? " size " + sizeField : "") + " R" + summarize(readable)
                + " W" + summarize(writable) + (indirect ? " indirect" : "") + " (" + descriptors + " descriptors)";
    }

    private static String summarize(List<Integer> lengths) {
        return lengths.size() <= 8 ? lengths.toString()
                : lengths.subList(0, 4) + "...(" + lengths.size() + ")..." + lengths.get(lengths.size() - 1);
    }
}
