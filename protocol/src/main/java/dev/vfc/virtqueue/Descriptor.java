package dev.vfc.virtqueue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One entry of a descriptor table (virtio 1.3 §2.7.5, {@code struct virtq_desc}): le64 addr,
 * le32 len, le16 flags, le16 next; 16 bytes. {@code len} is a u32 kept bitwise in an int
 * (use {@link #unsignedLen()}); {@code flags} and {@code next} are u16 in 0..65535.
 */
public record Descriptor(long addr, int len, int flags, int next) {

    public static final int SIZE = 16;

    /** VIRTQ_DESC_F_NEXT: the buffer continues via {@code next}. */
    public static final int NEXT = 1;
    /** VIRTQ_DESC_F_WRITE: device-writable (otherwise device-readable). */
    public static final int WRITE = 2;
    /** VIRTQ_DESC_F_INDIRECT: {@code addr}/{@code len} is a table of descriptors (§2.7.5.3). */
    public static final int INDIRECT = 4;

    public Descriptor {
        if ((flags & ~0xffff) != 0 || (next & ~0xffff) != 0) {
            throw new IllegalArgumentException("flags and next are u16: flags=" + flags + " next=" + next);
        }
    }

    /** A device-readable buffer that ends its chain. */
    public static Descriptor readable(long addr, int len) {
        return new Descriptor(addr, len, 0, 0);
    }

    /** A device-writable buffer that ends its chain. */
    public static Descriptor writable(long addr, int len) {
        return new Descriptor(addr, len, WRITE, 0);
    }

    /** This descriptor with NEXT set and {@code next} pointing at {@code nextIndex}. */
    public Descriptor chainedTo(int nextIndex) {
        return new Descriptor(addr, len, flags | NEXT, nextIndex);
    }

    public long unsignedLen() {
        return Integer.toUnsignedLong(len);
    }

    public boolean isWritable() {
        return (flags & WRITE) != 0;
    }

    public boolean hasNext() {
        return (flags & NEXT) != 0;
    }

    public boolean isIndirect() {
        return (flags & INDIRECT) != 0;
    }

    /** Writes 16 little-endian bytes at the buffer's position and advances it. */
    public void encodeTo(ByteBuffer out) {
        ByteBuffer le = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.putLong(addr).putInt(len).putShort((short) flags).putShort((short) next);
        out.position(le.position());
    }

    /** Reads 16 little-endian bytes at the buffer's position and advances it. */
    public static Descriptor decode(ByteBuffer in) {
        ByteBuffer le = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Descriptor d = new Descriptor(le.getLong(), le.getInt(), Short.toUnsignedInt(le.getShort()),
                Short.toUnsignedInt(le.getShort()));
        in.position(le.position());
        return d;
    }

    /** Writes entry {@code index} of a little-endian table without moving any position. */
    void write(ByteBuffer table, int index) {
        int at = index * SIZE;
        table.putLong(at, addr).putInt(at + 8, len).putShort(at + 12, (short) flags).putShort(at + 14, (short) next);
    }

    @Override
    public String toString() {
        StringBuilder f = new StringBuilder();
        if (hasNext()) {
            f.append("|NEXT");
        }
        if (isWritable()) {
            f.append("|WRITE");
        }
        if (isIndirect()) {
            f.append("|INDIRECT");
        }
        int other = flags & ~(NEXT | WRITE | INDIRECT);
        if (other != 0) {
            f.append("|0x").append(Integer.toHexString(other));
        }
        return "Descriptor[addr=0x" + Long.toHexString(addr) + ", len=" + unsignedLen() + ", flags="
                + (f.length() == 0 ? "0" : f.substring(1)) + (hasNext() ? ", next=" + next : "") + "]";
    }
}
