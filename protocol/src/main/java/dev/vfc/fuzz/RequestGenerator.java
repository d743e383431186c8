package dev.vfc.fuzz;

import dev.vfc.fuse.DirentStream;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The FUSE requests a fuzzer sends a virtio-fs daemon, shared by the coverage-guided Jazzer test
 * of the Java daemon ({@code FuseRequestsFuzzTest}) and {@code vfc fuzz} against any daemon: any
 * opcode (one in 16 a random number, the rest a known one), a node that is the root, any number,
 * or one an earlier reply handed out, a body of up to 88 fuzzed bytes (whose first 8 may be a
 * handle an earlier OPEN returned) and up to two names from a list of tricky ones, a header len
 * that lies one time in 16, and the request and its reply room split over 1 to 3 descriptors each.
 *
 * <p>It remembers what the replies hand out ({@link #learn}) so later requests can use it: the
 * node ids of entry replies and the handles of open replies, with how many lookups each node
 * owes a FORGET.
 */
public final class RequestGenerator {

    /** Names that exercise path handling: the fixtures, dots, empty, absolute, nested, over NAME_MAX. */
    public static final String[] NAMES = {"f", "d", "l", "new", "..", ".", "", "/etc/passwd", "d/inner", "x".repeat(300)};
    private static final FuseOpcode[] OPCODES = FuseOpcode.values();
    private static final int MAX_PREFIX = 88;
    private static final int MAX_ROOM = 8192;

    private final Map<Long, Long> lookups = new HashMap<>();
    private final Map<Long, Long> handles = new HashMap<>();

    /** The next request, every decision taken from {@code data}. */
    public FuzzedRequest next(ByteSource data) {
        int opcode = data.consumeInt(0, 15) == 0 ? data.consumeInt() : data.pickValue(OPCODES).code();
        long node = pick(data, new ArrayList<>(lookups.keySet()), 1);
        ByteBuffer body = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        byte[] prefix = data.consumeBytes(data.consumeInt(0, MAX_PREFIX));
        body.put(prefix);
        if (!handles.isEmpty() && prefix.length >= 8 && data.consumeBoolean()) {
            body.putLong(0, pick(data, new ArrayList<>(handles.keySet()), 0));
        }
        for (int n = data.consumeInt(0, 2); n > 0; n--) {
            body.put(data.pickValue(NAMES).getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        }
        byte[] bytes = new byte[body.position()];
        body.flip().get(bytes);
        int room = data.consumeInt(0, MAX_ROOM);
        Integer declared = data.consumeInt(0, 15) == 0 ? data.consumeInt() : null;
        int length = FuseInHeader.SIZE + bytes.length;
        return new FuzzedRequest(opcode, node, declared, bytes, split(length, data), split(room, data));
    }

    /**
     * Takes note of the node ids an entry reply hands out (each one lookup more) and the handle
     * an open reply does; {@code reply} is the bytes the daemon says it wrote.
     */
    public void learn(FuzzedRequest request, ByteBuffer reply) {
        if (reply.remaining() < FuseOutHeader.SIZE + 8 || reply.getInt(reply.position() + 4) != 0) {
            return;
        }
        ByteBuffer r = reply.slice().order(ByteOrder.LITTLE_ENDIAN);
        long first = r.getLong(FuseOutHeader.SIZE);
        switch (FuseOpcode.of(request.opcode()).orElse(FuseOpcode.INIT)) {
            case LOOKUP, MKDIR, MKNOD, SYMLINK, LINK -> lookups.merge(first, 1L, Long::sum);
            case OPEN, OPENDIR -> handles.put(first, request.nodeid());
            // Every entry of a READDIRPLUS reply but . and .. is a lookup (Linux 6.1
            // fs/fuse/readdir.c fuse_direntplus_link), which a FORGET must take back.
            case READDIRPLUS -> DirentStream.decodeAllPlus(r.duplicate().position(FuseOutHeader.SIZE).slice()
                    .order(ByteOrder.LITTLE_ENDIAN)).stream().mapToLong(e -> e.entry().nodeid()).filter(n -> n != 0)
                    .forEach(n -> lookups.merge(n, 1L, Long::sum));
            case CREATE -> {
                lookups.merge(first, 1L, Long::sum);
                if (r.remaining() >= FuseOutHeader.SIZE + 128 + 8) {
                    handles.put(r.getLong(FuseOutHeader.SIZE + 128), first);
                }
            }
            default -> {
            }
        }
    }

    /** Each node an entry reply handed out, with how many lookups a FORGET must take back. */
    public Map<Long, Long> lookups() {
        return Map.copyOf(lookups);
    }

    /** Each handle an open reply handed out, with the node it was opened on. */
    public Map<Long, Long> handles() {
        return Map.copyOf(handles);
    }

    /** Forgets every node and handle, as after the daemon restarted. */
    public void reset() {
        lookups.clear();
        handles.clear();
    }

    /** {@code total} bytes as 1 to 3 descriptors (an empty buffer always as one). */
    private static List<Integer> split(int total, ByteSource data) {
        int parts = total == 0 ? 1 : data.consumeInt(1, 3);
        List<Integer> out = new ArrayList<>();
        int left = total;
        for (int i = parts; i > 0; i--) {
            int len = i == 1 ? left : data.consumeInt(0, left);
            out.add(len);
            left -= len;
        }
        return out;
    }

    private static long pick(ByteSource data, List<Long> known, long fallback) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeLong();
            case 1 -> fallback;
            default -> known.isEmpty() ? fallback : known.get(data.consumeInt(0, known.size() - 1));
        };
    }
}
