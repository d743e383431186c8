package dev.vfc.ovmf.trace;

import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the C virtiofsd's {@code -d} log of a real firmware boot into a trace. The log shows, per
 * request, the descriptor counts and byte totals of both sides of the chain, the header
 * (unique, opcode, nodeid), the fields the daemon's handlers print (lookup names, read sizes
 * and offsets, open flags, forget counts) and the reply's errno. Each request's descriptor
 * layout is then written out buffer by buffer as OVMF builds it (one descriptor per request and
 * reply buffer: OvmfPkg/VirtioFsDxe/Helpers.c {@code VirtioFsSgListsValidate}, sizes from the
 * wrappers in Fuse*.c) and checked against the counts and totals the daemon saw, so a trace
 * line is both what the firmware did and what edk2's source says it does.
 *
 * <p>The C log never prints file handles; a RELEASE or READ is paired with the earliest open
 * handle of its node, which is the order VirtioFsDxe closes them in (reference
 * edk2-stable202211 OvmfPkg/VirtioFsDxe/SimpleFsOpen.c).
 */
public final class CDaemonLogRecorder {

    private static final Pattern PREFIX = Pattern.compile("^\\[[^]]*] \\[ID: \\d+] ");
    private static final Pattern CHAIN_OUT = Pattern.compile("^fv_queue_worker: elem \\d+: with (\\d+) out desc of length (\\d+)$");
    private static final Pattern CHAIN_IN = Pattern.compile("^virtio_send_(?:msg|data_iov): elem \\d+: with (\\d+) in desc of length (\\d+)$");
    private static final Pattern HEADER = Pattern.compile("^unique: (\\d+), opcode: (\\w+) \\(\\d+\\), nodeid: (\\d+), insize: (\\d+), pid: \\d+$");
    private static final Pattern INIT_VERSION = Pattern.compile("^INIT: (\\d+)\\.(\\d+)$");
    private static final Pattern INIT_FLAGS = Pattern.compile("^flags=0x([0-9a-f]+)$");
    private static final Pattern INIT_READAHEAD = Pattern.compile("^max_readahead=0x([0-9a-f]+)$");
    private static final Pattern LOOKUP = Pattern.compile("^lo_lookup\\(parent=(\\d+), name=(.*)\\)$");
    private static final Pattern LOOKUP_FOUND = Pattern.compile("^  (\\d+)/(.*) -> (\\d+)$");
    private static final Pattern OPEN = Pattern.compile("^lo_open\\(ino=(\\d+), flags=(\\d+), kill_priv=\\d+\\)$");
    private static final Pattern READ = Pattern.compile("^lo_read\\(ino=(\\d+), size=(\\d+), off=(\\d+)\\)$");
    private static final Pattern FORGET = Pattern.compile("^  forget (\\d+) (\\d+) -?\\d+$");
    private static final Pattern ERROR = Pattern.compile("^   unique: (\\d+), error: (-\\d+) .*$");
    private static final Pattern SUCCESS = Pattern.compile("^   unique: (\\d+), success, outsize: (\\d+)$");
    private static final Pattern NO_REPLY = Pattern.compile("^fv_queue_worker: elem \\d+ no reply sent$");

    private final String imagePath;
    private final long imageSize;
    private final Map<Long, String> nodes = new HashMap<>();
    private final Map<String, ArrayDeque<String>> handles = new HashMap<>();
    private final List<TraceRequest> requests = new ArrayList<>();
    private Pending pending;
    private int[] chainOut;

    /**
     * @param imagePath the image's path in the share ({@code grubx64.efi}); READs of it whose
     *                  size is {@code imageSize} are written with {@link Trace#IMAGE_SIZE}
     */
    public CDaemonLogRecorder(String imagePath, long imageSize) {
        this.imagePath = imagePath;
        this.imageSize = imageSize;
        nodes.put(1L, "@root");
    }

    /** The requests of a whole log, in order. */
    public List<TraceRequest> record(String log) {
        int n = 0;
        for (String raw : log.lines().toList()) {
            n++;
            accept(PREFIX.matcher(raw).replaceFirst(""), n);
        }
        finish(n);
        return List.copyOf(requests);
    }

    private void accept(String line, int n) {
        Matcher m;
        if ((m = CHAIN_OUT.matcher(line)).matches()) {
            finish(n);
            chainOut = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        } else if ((m = HEADER.matcher(line)).matches()) {
            FuseOpcode opcode = FuseOpcode.valueOf(m.group(2));
            pending = new Pending(Long.parseLong(m.group(1)), opcode, Long.parseLong(m.group(3)), chainOut, n);
            pending.fields.put("nodeid", node(pending.nodeid));
        } else if (pending != null) {
            detail(line, n);
        }
    }

    private void detail(String line, int n) {
        Matcher m;
        if ((m = INIT_VERSION.matcher(line)).matches() && !pending.fields.containsKey("major")) {
            pending.fields.put("major", m.group(1));
            pending.fields.put("minor", m.group(2));
        } else if ((m = INIT_FLAGS.matcher(line)).matches()) {
            pending.initFlags = "0x" + Long.toHexString(Long.parseLong(m.group(1), 16));
        } else if ((m = INIT_READAHEAD.matcher(line)).matches()) {
            pending.fields.put("max_readahead", Long.toString(Long.parseLong(m.group(1), 16)));
        } else if ((m = LOOKUP.matcher(line)).matches()) {
            pending.fields.put("name", m.group(2));
        } else if ((m = LOOKUP_FOUND.matcher(line)).matches()) {
            String parent = nodes.get(Long.parseLong(m.group(1)));
            String path = parent.equals("@root") ? "@" + m.group(2) : parent + "/" + m.group(2);
            nodes.put(Long.parseLong(m.group(3)), path);
            pending.binds.put("nodeid", path);
        } else if ((m = OPEN.matcher(line)).matches()) {
            pending.fields.put("flags", m.group(2));
        } else if ((m = READ.matcher(line)).matches()) {
            pending.fields.put("fh", openHandle(pending.nodeid, n));
            pending.fields.put("offset", m.group(3));
            pending.fields.put("size", imageSized(m.group(2)));
            pending.expect = "ok";
        } else if ((m = FORGET.matcher(line)).matches()) {
            pending.fields.put("nlookup", m.group(2));
        } else if ((m = ERROR.matcher(line)).matches()) {
            pending.expect = Errno.describe(Integer.parseInt(m.group(2))).replaceAll("\\(.*", "");
        } else if (SUCCESS.matcher(line).matches()) {
            pending.expect = "ok";
        } else if (NO_REPLY.matcher(line).matches()) {
            pending.expect = "none";
        } else if ((m = CHAIN_IN.matcher(line)).matches()) {
            pending.chainIn = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        }
    }

    private String imageSized(String size) {
        return Long.parseLong(size) == imageSize && node(pending.nodeid).equals("@" + imagePath) ? Trace.IMAGE_SIZE : size;
    }

    private String node(long nodeid) {
        return nodeid == 0 ? "0" : nodes.getOrDefault(nodeid, Long.toString(nodeid));
    }

    private String openHandle(long nodeid, int n) {
        ArrayDeque<String> open = handles.get(node(nodeid));
        if (open == null || open.isEmpty()) {
            throw new TraceFormatException(n, "no open handle of node " + node(nodeid) + " to pair with");
        }
        return open.peekFirst();
    }

    private void finish(int n) {
        if (pending == null) {
            return;
        }
        Pending p = pending;
        pending = null;
        switch (p.opcode) {
            case INIT -> p.fields.put("flags", p.initFlags);
            case OPEN, OPENDIR -> {
                p.fields.putIfAbsent("flags", "0");
                if (p.expect.equals("ok")) {
                    String fh = "@fh" + p.unique;
                    handles.computeIfAbsent(node(p.nodeid), k -> new ArrayDeque<>()).addLast(fh);
                    p.binds.put("fh", fh);
                }
            }
            case RELEASE, RELEASEDIR -> p.fields.put("fh", releaseHandle(p, n));
            case LOOKUP, GETATTR, READ, FORGET -> {
            }
            default -> throw new TraceFormatException(p.line, "the recorder does not know " + p.opcode
                    + " yet; add it with the layout from edk2's Fuse*.c");
        }
        TraceRequest r = OvmfLayout.lay(p.unique, p.opcode, p.fields, p.expect, p.binds, p.line);
        check(r, p);
        requests.add(r);
    }

    private String releaseHandle(Pending p, int n) {
        ArrayDeque<String> open = handles.get(node(p.nodeid));
        if (open == null || open.isEmpty()) {
            throw new TraceFormatException(n, "RELEASE of node " + node(p.nodeid) + " without an open handle");
        }
        return open.pollFirst();
    }

    /** The layout written from edk2's rules must be the one the daemon saw: counts and byte totals. */
    private void check(TraceRequest r, Pending p) {
        int[] readable = OvmfLayout.countAndTotal(r.readable(), imageSize);
        if (p.chainOut != null && (readable[0] != p.chainOut[0] || readable[1] != p.chainOut[1])) {
            throw new TraceFormatException(p.line, r.describe() + ": edk2's layout " + r.readable() + " is "
                    + readable[0] + " descriptors of " + readable[1] + " bytes, the daemon saw " + p.chainOut[0]
                    + " of " + p.chainOut[1]);
        }
        int[] writable = OvmfLayout.countAndTotal(r.writable(), imageSize);
        if (p.chainIn != null && (writable[0] != p.chainIn[0] || writable[1] != p.chainIn[1])) {
            throw new TraceFormatException(p.line, r.describe() + ": edk2's layout " + r.writable() + " is "
                    + writable[0] + " descriptors of " + writable[1] + " bytes, the daemon saw " + p.chainIn[0]
                    + " of " + p.chainIn[1]);
        }
    }

    private static final class Pending {
        final long unique;
        final FuseOpcode opcode;
        final long nodeid;
        final int[] chainOut;
        final int line;
        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, String> binds = new LinkedHashMap<>();
        String expect = "?";
        String initFlags = "0";
        int[] chainIn;

        Pending(long unique, FuseOpcode opcode, long nodeid, int[] chainOut, int line) {
            this.unique = unique;
            this.opcode = opcode;
            this.nodeid = nodeid;
            this.chainOut = chainOut;
            this.line = line;
        }
    }
}
