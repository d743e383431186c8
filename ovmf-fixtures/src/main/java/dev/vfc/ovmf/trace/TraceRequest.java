package dev.vfc.ovmf.trace;

import dev.vfc.fuse.FuseOpcode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One request of a trace: what the driver sent and what it requires of the reply.
 *
 * @param unique   the unique the firmware gave it when it was recorded (INIT is 1, then +1 per
 *                 request, FORGET included); a replay sends the same sequence
 * @param opcode   the FUSE opcode
 * @param fields   the header's nodeid and the body's fields, in wire order: numbers, {@code @symbols}
 *                 bound by earlier replies, {@code $IMAGE_SIZE}, or a name
 * @param readable the device-readable descriptors, e.g. {@code R40 R16}
 * @param writable the device-writable descriptors, e.g. {@code W16 W40 W88}, or {@code -} for none
 * @param expect   {@code ok}, {@code none} (FORGET: no reply, the chain must still come back) or
 *                 the errno name the driver was answered with ({@code ENOENT})
 * @param binds    what the reply names for later requests: {@code nodeid>@path}, {@code fh>@fhN}
 * @param line     the line of the trace file, for error messages
 */
public record TraceRequest(long unique, FuseOpcode opcode, Map<String, String> fields, String readable,
        String writable, String expect, Map<String, String> binds, int line) {

    public TraceRequest {
        Objects.requireNonNull(opcode);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        binds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(binds));
    }

    /** A field's raw text. */
    public String field(String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new TraceFormatException(line, opcode + " needs the field " + name);
        }
        return v;
    }

    public boolean expectsOk() {
        return expect.equals("ok");
    }

    /** The layout as the firmware built it: readable then writable descriptors, one per buffer. */
    public String layout() {
        return "[" + readable + (writable.equals("-") ? "" : " " + writable) + "]";
    }

    /** The request as a trace line. */
    public String render() {
        String f = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        String b = binds.entrySet().stream().map(e -> " " + e.getKey() + ">" + e.getValue())
                .collect(Collectors.joining());
        return unique + " " + opcode + " " + f + " | " + readable + " | " + writable + " | " + expect + b;
    }

    /** A short description for verdicts: {@code #31 READ nodeid=@startup.nsh fh=@fh27 offset=0 size=2}. */
    public String describe() {
        return "#" + unique + " " + opcode + " " + fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
