package dev.vfc.ovmf.trace;

import dev.vfc.fuse.FuseOpcode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The descriptors VirtioFsDxe builds for each opcode it sends: one per request buffer
 * (device-readable) and one per reply buffer (device-writable), with the sizes of the 7.31 structs
 * its wrappers use (edk2-stable202211 OvmfPkg/VirtioFsDxe/Fuse*.c,
 * OvmfPkg/Include/IndustryStandard/VirtioFs.h).
 */
final class OvmfLayout {

    private OvmfLayout() {
    }

    static TraceRequest lay(long unique, FuseOpcode opcode, Map<String, String> fields, String expect,
            Map<String, String> binds, int line) {
        String[] rw = switch (opcode) {
            case INIT -> new String[] {"R40 R16", "W16 W64"};
            case OPEN, OPENDIR -> new String[] {"R40 R8", "W16 W16"};
            case LOOKUP -> new String[] {"R40 R" + (fields.getOrDefault("name", "").getBytes(StandardCharsets.ISO_8859_1).length + 1),
                "W16 W40 W88"};
            case GETATTR -> new String[] {"R40 R16", "W16 W16 W88"};
            case READ -> new String[] {"R40 R40", "W16 W" + fields.get("size")};
            case RELEASE, RELEASEDIR -> new String[] {"R40 R24", "W16"};
            case FORGET -> new String[] {"R40 R8", "-"};
            default -> throw new TraceFormatException(line, "VirtioFsDxe's layout of " + opcode + " is not written here");
        };
        return new TraceRequest(unique, opcode, fields, rw[0], rw[1], expect, binds, line);
    }

    /** The number of descriptors and their total length, {@code $IMAGE_SIZE} read as {@code imageSize}. */
    static int[] countAndTotal(String descriptors, long imageSize) {
        if (descriptors.equals("-")) {
            return new int[] {0, 0};
        }
        String[] parts = descriptors.split(" ");
        long total = 0;
        for (String p : parts) {
            String size = p.substring(1);
            total += size.equals(Trace.IMAGE_SIZE) ? imageSize : Long.parseLong(size);
        }
        return new int[] {parts.length, Math.toIntExact(total)};
    }
}
