package dev.vfc.vhostuser;

import dev.vfc.memory.GuestRegion;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The payload layouts of the vhost-user spec ("Message Specification", the payload
 * structures listed there). Which layout a message uses is decided by its request code and
 * direction, in {@link VhostUserCodec#decodePayload}; the records only know their bytes.
 *
 * <p>Every record writes itself at the buffer's position ({@link #encodeTo}) and reports its
 * exact encoded size ({@link #size}), which is the header's {@code size} field.
 */
public sealed interface VhostUserPayload {

    /** Writes {@link #size()} bytes at the buffer's position and advances it. */
    void encodeTo(ByteBuffer out);

    /** The encoded size in bytes: what goes into the header's {@code size}. */
    int size();

    /**
     * A single u64: feature words, queue number, memory slots, status, and the REPLY_ACK
     * answer (0 = success, anything else = failure).
     */
    record U64(long value) implements VhostUserPayload {
        public static final int SIZE = 8;

        public static U64 decode(ByteBuffer in) {
            return new U64(Wire.getLong(in));
        }

        @Override
        public void encodeTo(ByteBuffer out) {
            Wire.putLong(out, value);
        }

        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public String toString() {
            return "U64[" + Wire.hex(value) + "]";
        }
    }

    /**
     * "A vring state description": u32 index, u32 num. Used by SET_VRING_NUM (queue size),
     * SET_VRING_BASE / GET_VRING_BASE (next avail index), SET_VRING_ENABLE (0/1),
     * SET_VRING_ENDIAN and VRING_KICK. Both fields are u32 kept bitwise in ints.
     */
    record VringState(int index, int num) implements VhostUserPayload {
        public static final int SIZE = 8;

        public static VringState decode(ByteBuffer in) {
            return new VringState(Wire.getInt(in), Wire.getInt(in));
        }

        @Override
        public void encodeTo(ByteBuffer out) {
            Wire.putInt(out, index);
            Wire.putInt(out, num);
        }

        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public String toString() {
            return "VringState[index=" + Integer.toUnsignedString(index) + ", num=" + Integer.toUnsignedString(num) + "]";
        }
    }

    /**
     * "A vring address description" for SET_VRING_ADDR: u32 index, u32 flags, then u64
     * descriptor, <b>used</b>, <b>avail</b> and log addresses, in that order on the wire (used
     * before avail, as in the kernel's {@code struct vhost_vring_addr}). Without
     * ACCESS_PLATFORM the three ring addresses are front-end virtual addresses, translated
     * through each region's {@code userspace_addr}; {@code log} is guest-physical.
     */
    record VringAddress(int index, int flags, long desc, long used, long avail, long log) implements VhostUserPayload {
        public static final int SIZE = 40;
        /** {@code VHOST_VRING_F_LOG}: log used-ring writes at {@link #log}. */
        public static final int F_LOG = 0x1;

        public static VringAddress decode(ByteBuffer in) {
            return new VringAddress(Wire.getInt(in), Wire.getInt(in),
                    Wire.getLong(in), Wire.getLong(in), Wire.getLong(in), Wire.getLong(in));
        }

        @Override
        public void encodeTo(ByteBuffer out) {
            Wire.putInt(out, index);
            Wire.putInt(out, flags);
            Wire.putLong(out, desc);
            Wire.putLong(out, used);
            Wire.putLong(out, avail);
            Wire.putLong(out, log);
        }

        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public String toString() {
            return "VringAddress[index=" + Integer.toUnsignedString(index) + ", flags=" + Wire.hex(flags & 0xffffffffL)
                    + ", desc=" + Wire.hex(desc) + ", used=" + Wire.hex(used) + ", avail=" + Wire.hex(avail)
                    + ", log=" + Wire.hex(log) + "]";
        }
    }

    /**
     * One "memory region description": u64 guest_phys_addr, memory_size, userspace_addr,
     * mmap_offset. The back-end maps the region's fd from 0 to {@code mmapOffset + memorySize}
     * and uses the part from {@code mmapOffset}.
     */
    record MemoryRegion(long guestPhysAddr, long memorySize, long userspaceAddr, long mmapOffset)
            implements VhostUserPayload {
        public static final int SIZE = 32;

        public static MemoryRegion of(GuestRegion region) {
            return new MemoryRegion(region.guestPhysAddr(), region.size(), region.userspaceAddr(), region.mmapOffset());
        }

        /** The same region in the memory package's model; refuses a non-positive size. */
        public GuestRegion toGuestRegion() {
            return new GuestRegion(guestPhysAddr, memorySize, userspaceAddr, mmapOffset);
        }

        public static MemoryRegion decode(ByteBuffer in) {
            return new MemoryRegion(Wire.getLong(in), Wire.getLong(in), Wire.getLong(in), Wire.getLong(in));
        }

        @Override
        public void encodeTo(ByteBuffer out) {
            Wire.putLong(out, guestPhysAddr);
            Wire.putLong(out, memorySize);
            Wire.putLong(out, userspaceAddr);
            Wire.putLong(out, mmapOffset);
        }

        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public String toString() {
            return "MemoryRegion[gpa=" + Wire.hex(guestPhysAddr) + ", size=" + Wire.hex(memorySize)
                    + ", uva=" + Wire.hex(userspaceAddr) + ", offset=" + Wire.hex(mmapOffset) + "]";
        }
    }

    /**
     * "Multiple memory regions description" for SET_MEM_TABLE: u32 nregions, u32 padding,
     * then {@code nregions} regions, one fd per region in the ancillary data. The payload is
     * 8 + 32 * n bytes (QEMU sends only the used slots), and n is at most
     * {@link #MAX_REGIONS} ({@code VHOST_MEMORY_BASELINE_NREGIONS}); more regions need
     * CONFIGURE_MEM_SLOTS and ADD_MEM_REG. A hostile table with more regions can still be
     * sent as {@link Raw}.
     */
    record MemoryTable(List<MemoryRegion> regions) implements VhostUserPayload {
        public static final int MAX_REGIONS = 8;
        public static final int HEADER_SIZE = 8;

        public MemoryTable {
            regions = List.copyOf(regions);
            if (regions.size() > MAX_REGIONS) {
                throw new IllegalArgumentException(regions.size() + " regions, at most " + MAX_REGIONS);
            }
        }

        public static int sizeFor(int nregions) {
            return HEADER_SIZE + MemoryRegion.SIZE * nregions;
        }

        /** Decodes the whole remaining buffer, which must be exactly 8 + 32 * nregions bytes. */
        public static MemoryTable decode(ByteBuffer in) {
            int actual = in.remaining();
            if (actual < HEADER_SIZE) {
                throw VhostUserProtocolException.wrongSize(VhostUserRequest.SET_MEM_TABLE, false,
                        "at least " + HEADER_SIZE, actual);
            }
            long n = Integer.toUnsignedLong(Wire.getInt(in));
            Wire.getInt(in);
            if (n > MAX_REGIONS) {
                throw new VhostUserProtocolException("SET_MEM_TABLE request: nregions " + n
                        + " exceeds VHOST_MEMORY_BASELINE_NREGIONS " + MAX_REGIONS);
            }
            if (actual != sizeFor((int) n)) {
                throw VhostUserProtocolException.wrongSize(VhostUserRequest.SET_MEM_TABLE, false,
                        sizeFor((int) n) + " (8 + 32 * nregions " + n + ")", actual);
            }
            MemoryRegion[] regions = new MemoryRegion[(int) n];
            for (int i = 0; i < n; i++) {
                regions[i] = MemoryRegion.decode(in);
            }
            return new MemoryTable(List.of(regions));
        }

        @Override
        public void encodeTo(ByteBuffer out) {
            Wire.putInt(out, regions.size());
            Wire.putInt(out, 0);
            regions.forEach(r -> r.encodeTo(out));
        }

        @Override
        public int size() {
            return sizeFor(regions.size());
        }
    }

    /**
     * "Single memory region description" for ADD_MEM_REG and REM_MEM_REG: u64 padding, then
     * one region (40 bytes). ADD_MEM_REG carries the region's fd; REM_MEM_REG none.
     */
    record SingleMemoryRegion(MemoryRegion region) implements VhostUserPayload {
        public static final int SIZE = 8 + MemoryRegion.SIZE;

        public static SingleMemoryRegion decode(ByteBuffer in) {
            Wire.getLong(in);
            return new SingleMemoryRegion(MemoryRegion.decode(in));
        }

        @Override
        public void encodeTo(ByteBuffer out) {
            Wire.putLong(out, 0);
            region.encodeTo(out);
        }

        @Override
        public int size() {
            return SIZE;
        }
    }

    /**
     * The u64 of SET_VRING_KICK, SET_VRING_CALL and SET_VRING_ERR: the vring index in bits
     * 0-7 ({@code VHOST_USER_VRING_IDX_MASK}) and, in bit 8 ({@code VHOST_USER_VRING_NOFD_MASK}),
     * "no fd attached" (the back-end must then poll, or for CALL/ERR simply not signal).
     * The remaining bits are reserved; decoding refuses a word that sets them.
     */
    record VringFile(int index, boolean noFd) implements VhostUserPayload {
        public static final int SIZE = 8;
        public static final long INDEX_MASK = 0xff;
        public static final long NOFD_MASK = 0x100;

        public VringFile {
            if (index < 0 || index > INDEX_MASK) {
                throw new IllegalArgumentException("vring index " + index + " does not fit bits 0-7");
            }
        }

        public long toU64() {
            return index | (noFd ? NOFD_MASK : 0);
        }

        public static VringFile fromU64(long value) {
            if ((value & ~(INDEX_MASK | NOFD_MASK)) != 0) {
                throw new VhostUserProtocolException("vring file word " + Wire.hex(value)
                        + " sets reserved bits above bit 8");
            }
            return new VringFile((int) (value & INDEX_MASK), (value & NOFD_MASK) != 0);
        }

        public static VringFile decode(ByteBuffer in) {
            return fromU64(Wire.getLong(in));
        }

        @Override
        public void encodeTo(ByteBuffer out) {
            Wire.putLong(out, toU64());
        }

        @Override
        public int size() {
            return SIZE;
        }
    }

    /** No payload ({@code size} 0): SET_OWNER, RESET_OWNER, RESET_DEVICE, the GET_* queries, ... */
    record Empty() implements VhostUserPayload {
        @Override
        public void encodeTo(ByteBuffer out) {
        }

        @Override
        public int size() {
            return 0;
        }
    }

    /**
     * Bytes the codec does not interpret (config space, inflight and log descriptions, IOTLB
     * messages, device-state transfer, unknown requests), or deliberately malformed bytes
     * the harness wants to send. The array is copied in and out.
     */
    record Raw(byte[] bytes) implements VhostUserPayload {
        public Raw {
            bytes = bytes.clone();
        }

        public static Raw decode(ByteBuffer in) {
            byte[] b = new byte[in.remaining()];
            in.get(b);
            return new Raw(b);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public void encodeTo(ByteBuffer out) {
            out.put(bytes);
        }

        @Override
        public int size() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && Arrays.equals(bytes, r.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Raw[" + bytes.length + " bytes: " + Wire.hex(bytes, 64) + "]";
        }
    }
}
