package dev.vfc.mutants;

import static dev.vfc.fuse.FuseOpcode.GETATTR;
import static dev.vfc.fuse.FuseOpcode.INIT;
import static dev.vfc.fuse.FuseOpcode.READ;
import static dev.vfc.fuse.FuseOpcode.WRITE;

import dev.vfc.daemon.Assembly;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** Bugs in how a reply is framed: its out header, its used length, and a handler that dies. */
final class ReplyMutants {

    private ReplyMutants() {
    }

    static List<Mutant> all() {
        return List.of(
                header("enosys-as-eio", "answers EIO where it should answer ENOSYS (unknown or unserved opcodes)",
                        "an ENOSYS tells Linux to stop sending the opcode (fs/fuse: fc->no_*); EIO fails every call",
                        Set.of(), (in, out) -> out.error() == -Errno.ENOSYS.number()
                                ? new FuseOutHeader(out.len(), -Errno.EIO.number(), out.unique()) : out),
                header("unique-not-echoed-on-getattr", "GETATTR replies carry unique + 1", "", Set.of(GETATTR),
                        (in, out) -> in.opcode() == FuseOpcode.GETATTR.code()
                                ? new FuseOutHeader(out.len(), out.error(), out.unique() + 1) : out),
                header("read-out-len-short", "READ replies' out.len counts 8 bytes less than were written", "",
                        Set.of(READ), (in, out) -> in.opcode() == FuseOpcode.READ.code() && out.error() == 0
                                ? new FuseOutHeader(out.len() - 8, 0, out.unique()) : out),
                header("errors-with-positive-errno", "error replies carry the errno positive, not negated",
                        "include/uapi/linux/fuse.h: fuse_out_header.error is a negated errno", Set.of(),
                        (in, out) -> out.error() < 0 ? new FuseOutHeader(out.len(), -out.error(), out.unique()) : out),
                new Mutant("read-used-len-plus-page", "READ replies claim 4096 more used bytes than were written", "",
                        Set.of(READ), Assembly.ofHandler(h -> (request, reply) -> {
                            long room = reply.remaining();
                            int used = h.handle(request, reply);
                            return used > FuseOutHeader.SIZE && room > 0 ? used + 4096 : used;
                        })),
                new Mutant("init-without-readdirplus", "the INIT reply never grants FUSE_DO_READDIRPLUS, even when "
                        + "offered", "OVMF refuses to bind without it (edk2-stable202211 FuseInit.c)", Set.of(INIT),
                        Assembly.ofHandler(h -> new HeaderRewrite(h, (in, out) -> out, (in, body) -> {
                            if (in.opcode() == FuseOpcode.INIT.code() && body.remaining() >= 16) {
                                body.putInt(12, body.getInt(12) & ~(int) FuseInitFlags.DO_READDIRPLUS);
                            }
                            return body;
                        }))),
                new Mutant("worker-dies-on-refusal", "a queue worker throws an Error where it should answer EINVAL",
                        "the Rust virtiofsd 1.13's workers panic on requests they cannot decode (this suite's "
                        + "robustness HANG findings)", Set.of(), Assembly.ofHandler(h -> new HeaderRewrite(h,
                                (in, out) -> {
                                    if (out.error() == -Errno.EINVAL.number()) {
                                        throw new AssertionError("mutant: EINVAL to opcode " + in.opcode());
                                    }
                                    return out;
                                }))),
                new Mutant("worker-dies-on-large-write", "a queue worker throws an Error on a WRITE request above "
                        + "64 KiB", "the Rust virtiofsd's vring worker panics on requests it cannot decode "
                        + "(this suite's HANG findings)", Set.of(WRITE), Assembly.ofHandler(h -> (request, reply) -> {
                            if (request.remaining() > FuseInHeader.SIZE + 64 * 1024 + 64) {
                                throw new AssertionError("mutant: a WRITE of " + request.remaining() + " bytes");
                            }
                            return h.handle(request, reply);
                        })));
    }

    private static Mutant header(String name, String bug, String origin, Set<FuseOpcode> reach,
            BiFunction<FuseInHeader, FuseOutHeader, FuseOutHeader> rewrite) {
        return new Mutant(name, bug, origin, reach, Assembly.ofHandler(h -> new HeaderRewrite(h, rewrite)));
    }
}
