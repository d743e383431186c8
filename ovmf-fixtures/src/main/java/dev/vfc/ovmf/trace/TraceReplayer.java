package dev.vfc.ovmf.trace;

import static dev.vfc.syscall.PosixFiles.S_IFDIR;
import static dev.vfc.syscall.PosixFiles.S_IFMT;
import static dev.vfc.syscall.PosixFiles.S_IFREG;

import dev.vfc.fuse.AttrOut;
import dev.vfc.fuse.EntryOut;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.InitOut;
import dev.vfc.fuse.OpenOut;
import dev.vfc.results.Verdict;
import dev.vfc.session.Exchange;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a trace against a daemon through a session that plays OVMF, and holds every reply to
 * what VirtioFsDxe requires of it (OvmfPkg/VirtioFsDxe/Helpers.c {@code VirtioFsSgListsSubmit},
 * {@code VirtioFsFuseCheckResponse}, edk2-stable202211 OvmfPkg/VirtioFsDxe/Helpers.c):
 * used.len within the writable buffers and equal to out.len, the unique echoed, every fixed
 * reply buffer filled, the errno the firmware got when it was recorded, FUSE ≥ 7.31 with
 * DO_READDIRPLUS and max_write ≥ 4096 from INIT, regular files with one link, attributes that
 * match the share, and READ data equal to the file. A short READ is continued the way
 * {@code ReadRegularFile} does. The first reply the firmware would refuse ends the replay with
 * FAIL, as it ends the firmware's load.
 */
public final class TraceReplayer {


    private final Trace trace;
    private final Path shared;
    private final long imageSize;
    private final Map<String, Long> symbols = new HashMap<>();
    private final Map<String, byte[]> contents = new HashMap<>();
    private int sent;
    private Optional<Exchange> imageRead = Optional.empty();

    /** @param shared the share as the daemon serves it, holding the trace's files */
    public TraceReplayer(Trace trace, Path shared) throws IOException {
        this.trace = trace;
        this.shared = shared;
        this.imageSize = trace.image().isPresent() ? Files.size(shared.resolve(trace.image().get().path())) : -1;
        symbols.put("@root", 1L);
    }

    /** Sends the whole trace; the verdict names the first request the firmware would have failed on. */
    public Verdict replay(FuseSession session) throws IOException {
        for (TraceRequest r : trace.requests()) {
            Optional<String> refused = send(session, r);
            if (refused.isPresent()) {
                return Verdict.fail(r.describe().replace(Trace.IMAGE_SIZE, Long.toString(imageSize))
                        + " (request " + sent + " of " + trace.requests().size() + "): " + refused.get());
            }
        }
        return new Verdict.Pass(trace.requests().size() + " requests as VirtioFsDxe sent them"
                + imageRead.map(e -> "; the image's one READ of " + imageSize + " bytes served in "
                        + String.format("%.1f", e.millis()) + " ms").orElse(""));
    }

    private Optional<String> send(FuseSession session, TraceRequest r) throws IOException {
        sent++;
        return switch (r.opcode()) {
            case INIT -> init(session, r);
            case OPENDIR -> opened(r, session.opendir(node(r)));
            case OPEN -> opened(r, session.open(node(r), (int) number(r, "flags")));
            case LOOKUP -> lookup(r, session.lookup(node(r), r.field("name")));
            case GETATTR -> getattr(r, session.getattr(node(r)));
            case READ -> read(session, r);
            case RELEASE -> plain(r, session.release(node(r), number(r, "fh")));
            case RELEASEDIR -> plain(r, session.releasedir(node(r), number(r, "fh")));
            case FORGET -> forget(r, session.forget(node(r), number(r, "nlookup")));
            default -> throw new TraceFormatException(r.line(), "the replayer does not send " + r.opcode());
        };
    }

    private Optional<String> init(FuseSession session, TraceRequest r) {
        InitIn ovmf = session.driver().initRequest();
        if (number(r, "major") != ovmf.major() || number(r, "minor") != ovmf.minor()
                || number(r, "flags") != (ovmf.flags() & 0xFFFF_FFFFL)) {
            throw new IllegalStateException("the trace's INIT (" + r.describe() + ") is not the session driver's " + ovmf
                    + ": replay OVMF traces with the ovmf driver profile");
        }
        FuseReply<InitOut> reply = session.init();
        return checked(r, reply, () -> {
            InitOut out = reply.value();
            if (out.major() != 7 || out.minor() < 31) {
                return Optional.of("FuseInit.c refuses FUSE " + out.major() + "." + out.minor() + " (needs 7.31 or later)");
            }
            if ((out.allFlags() & FuseInitFlags.DO_READDIRPLUS) == 0) {
                return Optional.of("FuseInit.c refuses an INIT reply without DO_READDIRPLUS: " + out);
            }
            if (Integer.toUnsignedLong(out.maxWrite()) < 4096) {
                return Optional.of("FuseInit.c refuses max_write " + Integer.toUnsignedLong(out.maxWrite()) + " < 4096");
            }
            return Optional.empty();
        });
    }

    private Optional<String> opened(TraceRequest r, FuseReply<OpenOut> reply) {
        return checked(r, reply, () -> {
            bind(r, "fh", reply.value().fh());
            return Optional.empty();
        });
    }

    private Optional<String> lookup(TraceRequest r, FuseReply<EntryOut> reply) {
        return checked(r, reply, () -> {
            EntryOut entry = reply.value();
            bind(r, "nodeid", entry.nodeid());
            String path = r.binds().getOrDefault("nodeid", "");
            return attributes(path, entry.attr().mode(), entry.attr().nlink(), entry.attr().size());
        });
    }

    private Optional<String> getattr(TraceRequest r, FuseReply<AttrOut> reply) {
        return checked(r, reply, () -> {
            AttrOut out = reply.value();
            return attributes(r.field("nodeid"), out.attr().mode(), out.attr().nlink(), out.attr().size());
        });
    }

    /** VirtioFsFuseAttrToEfiFileInfo: only regular files with one link and directories convert; sizes must be true. */
    private Optional<String> attributes(String symbol, int mode, int nlink, long size) {
        int type = mode & S_IFMT;
        if (type == S_IFREG && nlink != 1) {
            return Optional.of("VirtioFsDxe refuses a regular file with nlink " + nlink + " (EFI_UNSUPPORTED)");
        }
        if (type != S_IFREG && type != S_IFDIR) {
            return Optional.of("VirtioFsDxe converts only regular files and directories, got mode 0" + Integer.toOctalString(mode));
        }
        Path file = file(symbol);
        try {
            if (type == S_IFREG && Files.isRegularFile(file) && size != Files.size(file)) {
                return Optional.of("expected size " + Files.size(file) + " (the file in the share), got " + size);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /**
     * One READ, continued on a short count as ReadRegularFile does (SimpleFsRead.c): the data must
     * be the file's, and a zero count before the end of the file is an early EOF.
     */
    private Optional<String> read(FuseSession session, TraceRequest r) throws IOException {
        long node = node(r);
        long fh = number(r, "fh");
        long offset = number(r, "offset");
        long size = number(r, "size");
        byte[] file = contents(r.field("nodeid"));
        long expected = Math.max(0, Math.min(size, file.length - offset));
        long done = 0;
        while (true) {
            FuseReply<ByteBuffer> reply = session.read(node, fh, offset + done, (int) (size - done));
            if (r.field("size").equals(Trace.IMAGE_SIZE) && done == 0) {
                imageRead = Optional.of(reply.exchange());
            }
            Optional<String> refused = checked(r, reply);
            if (refused.isPresent() || !r.expectsOk()) {
                String after = done == 0 ? "" : " after " + done + " of " + expected + " bytes";
                return refused.map(why -> why + after);
            }
            ByteBuffer data = reply.value();
            int n = data.remaining();
            if (n > size - done) {
                return Optional.of("expected at most " + (size - done) + " bytes (the size field), got " + n);
            }
            for (int i = 0; i < n; i++) {
                if (data.get(data.position() + i) != file[(int) (offset + done + i)]) {
                    return Optional.of("byte " + (offset + done + i) + " differs from the file in the share");
                }
            }
            done += n;
            if (done >= expected) {
                return done == expected ? Optional.empty()
                        : Optional.of("expected " + expected + " bytes (to the end of the file), got " + done);
            }
            if (n == 0) {
                return Optional.of("expected " + expected + " bytes, got EOF after " + done
                        + " (LoadImage would load a truncated image)");
            }
        }
    }

    private Optional<String> plain(TraceRequest r, FuseReply<Void> reply) {
        return checked(r, reply);
    }

    /** FORGET has no reply, but the firmware waits for the chain with no timeout and refuses a used.len above 0. */
    private Optional<String> forget(TraceRequest r, Exchange e) {
        return e.transportAnomalies().stream().findFirst()
                .map(a -> "VirtioFsSgListsSubmit refuses the completion: " + a);
    }

    /** The checks every reply goes through, then, when the firmware got success, {@code whenOk}'s. */
    private Optional<String> checked(TraceRequest r, FuseReply<?> reply,
            java.util.function.Supplier<Optional<String>> whenOk) {
        Optional<String> refused = checked(r, reply);
        return refused.isPresent() || !r.expectsOk() ? refused : whenOk.get();
    }

    /** The checks every reply goes through, then the recorded errno or success with full buffers. */
    private Optional<String> checked(TraceRequest r, FuseReply<?> reply) {
        Exchange e = reply.exchange();
        String built = e.layout().describe();
        String recorded = r.layout().replace(Trace.IMAGE_SIZE, Long.toString(imageSize));
        if (r.opcode() != dev.vfc.fuse.FuseOpcode.READ && !built.equals(recorded)) {
            throw new IllegalStateException("the ovmf profile built " + built + " where the firmware built " + recorded
                    + " for " + r.describe());
        }
        List<String> anomalies = e.transportAnomalies();
        if (!anomalies.isEmpty()) {
            return Optional.of("VirtioFsFuseCheckResponse refuses the reply: " + String.join("; ", anomalies));
        }
        int error = reply.error();
        if (!r.expectsOk()) {
            Errno wanted = Errno.valueOf(r.expect());
            return error == -wanted.number() ? Optional.empty()
                    : Optional.of("expected " + Errno.describe(-wanted.number()) + " as the firmware got, got "
                            + Errno.describe(error));
        }
        if (error != 0 || !reply.isOk()) {
            return Optional.of("expected OK" + (r.opcode() == dev.vfc.fuse.FuseOpcode.READ
                    ? " with " + Math.min(number(r, "size"), 0xFFFF_FFFFL) + " bytes" : "") + ", got "
                    + Errno.describe(error) + (error == 0 ? " with a reply body the firmware cannot use" : ""));
        }
        long used = Integer.toUnsignedLong(e.completion().usedLen());
        if (r.opcode() != dev.vfc.fuse.FuseOpcode.READ && used != e.layout().writableBytes()) {
            return Optional.of("VirtioFsFuseCheckResponse needs every reply buffer filled (" + e.layout().writableBytes()
                    + " bytes), used.len is " + used);
        }
        return Optional.empty();
    }

    private void bind(TraceRequest r, String field, long value) {
        String symbol = r.binds().get(field);
        if (symbol != null) {
            symbols.put(symbol, value);
        }
    }

    private long node(TraceRequest r) {
        return number(r, "nodeid");
    }

    private long number(TraceRequest r, String field) {
        String v = r.field(field);
        if (v.startsWith("@")) {
            Long bound = symbols.get(v);
            if (bound == null) {
                throw new TraceFormatException(r.line(), v + " is used before a reply bound it");
            }
            return bound;
        }
        if (v.equals(Trace.IMAGE_SIZE)) {
            return imageSize;
        }
        try {
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new TraceFormatException(r.line(), field + "=" + v + " is not a number or a symbol");
        }
    }

    private Path file(String symbol) {
        return shared.resolve(symbol.startsWith("@") ? symbol.substring(1) : symbol);
    }

    private byte[] contents(String symbol) throws IOException {
        byte[] bytes = contents.get(symbol);
        if (bytes == null) {
            bytes = Files.readAllBytes(file(symbol));
            contents.put(symbol, bytes);
        }
        return bytes;
    }
}
