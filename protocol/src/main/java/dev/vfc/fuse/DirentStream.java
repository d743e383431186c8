package dev.vfc.fuse;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a READDIR or READDIRPLUS reply: records packed back to back, each padded
 * to 8 bytes (FUSE_DIRENT_ALIGN), the last one included. The kernel parses only whole
 * records, so the decoders here are strict: a short or overrunning record is an error, not
 * something to skip.
 */
public final class DirentStream {
    private DirentStream() {
    }

    /** FUSE_REC_ALIGN: rounds up to a multiple of 8. */
    public static int align(int length) {
        return Math.addExact(length, 7) & ~7;
    }

    /**
     * FUSE_DIRENT_SIZE / FUSE_DIRENTPLUS_SIZE: {@code align(24 + nameLength)}, or
     * {@code align(152 + nameLength)} for READDIRPLUS.
     */
    public static int recordLength(int nameLength, boolean plus) {
        if (nameLength < 0) {
            throw new IllegalArgumentException("name length must be >= 0, got " + nameLength);
        }
        return align(Math.addExact(plus ? Direntplus.NAME_OFFSET : Dirent.NAME_OFFSET, nameLength));
    }

    /** Writes one READDIR record including its zero padding. */
    public static void encode(ByteBuffer b, Dirent d) {
        Wire.beginEncode(b, d.recordLength());
        putDirent(b, d);
    }

    /** Writes one READDIRPLUS record including its zero padding. */
    public static void encodePlus(ByteBuffer b, Direntplus d) {
        Wire.beginEncode(b, d.recordLength());
        d.entry().encodeTo(b);
        putDirent(b, d.dirent());
    }

    /** Decodes every record from position to limit. */
    public static List<Dirent> decodeAll(ByteBuffer b) {
        Wire.requireLittleEndian(b);
        List<Dirent> out = new ArrayList<>();
        while (b.hasRemaining()) {
            out.add(decode(b));
        }
        return out;
    }

    /** Decodes every READDIRPLUS record from position to limit. */
    public static List<Direntplus> decodeAllPlus(ByteBuffer b) {
        Wire.requireLittleEndian(b);
        List<Direntplus> out = new ArrayList<>();
        while (b.hasRemaining()) {
            out.add(decodePlus(b));
        }
        return out;
    }

    /**
     * Decodes one record and its padding. Throws {@link FuseDecodeException} without moving
     * the position when the head is truncated, namelen is 0, or the padded record runs past
     * the limit.
     */
    public static Dirent decode(ByteBuffer b) {
        Wire.beginDecode(b, Dirent.NAME_OFFSET, "fuse_dirent");
        return getDirent(b, b.position(), 0);
    }

    /** Decodes one READDIRPLUS record and its padding, with the same checks as {@link #decode}. */
    public static Direntplus decodePlus(ByteBuffer b) {
        Wire.beginDecode(b, Direntplus.NAME_OFFSET, "fuse_direntplus");
        int start = b.position();
        b.position(start + EntryOut.SIZE);
        Dirent dirent = getDirent(b, start, EntryOut.SIZE);
        int end = b.position();
        b.position(start);
        EntryOut entry = EntryOut.decode(b);
        b.position(end);
        return new Direntplus(entry, dirent);
    }

    private static void putDirent(ByteBuffer b, Dirent d) {
        b.putLong(d.ino()).putLong(d.off()).putInt(d.namelen()).putInt(d.type()).put(d.name());
        Wire.zeros(b, align(d.namelen()) - d.namelen());
    }

    /** Reads a dirent at the position; {@code start}/{@code prefix} locate the whole record. */
    private static Dirent getDirent(ByteBuffer b, int start, int prefix) {
        int at = b.position();
        long ino = b.getLong(at);
        long off = b.getLong(at + 8);
        long namelen = Integer.toUnsignedLong(b.getInt(at + 16));
        int type = b.getInt(at + 20);
        if (namelen == 0) {
            b.position(start);
            throw new FuseDecodeException("dirent at byte " + start + " has namelen 0");
        }
        long length = (prefix + Dirent.NAME_OFFSET + namelen + 7) & ~7L;
        if (length > b.limit() - start) {
            b.position(start);
            throw new FuseDecodeException("dirent at byte " + start + " (namelen " + namelen + ", record " + length
                    + " bytes) runs past the end, " + (b.limit() - start) + " bytes remain");
        }
        byte[] name = new byte[(int) namelen];
        b.position(at + Dirent.NAME_OFFSET);
        b.get(name);
        b.position(start + (int) length);
        return new Dirent(ino, off, type, name);
    }
}
