package dev.vfc.suite;

import static dev.vfc.suite.Fixtures.xattr;
import static dev.vfc.suite.HostFiles.bytes;
import static dev.vfc.suite.HostFiles.hostXattr;
import static dev.vfc.suite.Metadata.A;
import static dev.vfc.suite.Metadata.FUSE_H;
import static dev.vfc.suite.Metadata.XATTR_CREATE;
import static dev.vfc.suite.Steps.done;
import static dev.vfc.suite.Steps.need;
import static dev.vfc.suite.Steps.unimplemented;

import dev.vfc.driver.ReplyArg;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.GetxattrIn;
import dev.vfc.fuse.GetxattrOut;
import dev.vfc.fuse.InitOut;
import dev.vfc.fuse.SetxattrIn;
import dev.vfc.results.Verdict;
import dev.vfc.scenario.Scenario;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.session.FuseReply;
import dev.vfc.session.FuseSession;
import dev.vfc.targets.DaemonFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Extended attributes: SETXATTR, GETXATTR (with the size probe), LISTXATTR and REMOVEXATTR, with
 * the host file's own user.* attributes as the proof.
 */
final class Xattrs {

    private Xattrs() {
    }

    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        xattrs(all);
        return all;
    }

    private static void xattrs(List<Scenario> all) {
        String why = "getxattr(2)/setxattr(2)/listxattr(2)/removexattr(2) as Linux forwards them (fs/fuse/xattr.c; "
                + FUSE_H + " fuse_setxattr_in is 16 bytes under FUSE_SETXATTR_EXT, else 8); ENOSYS or EOPNOTSUPP: "
                + "not supported";
        all.add(Scenario.builder("metadata/xattr/set-get")
                .title("SETXATTR user.vfc.note stores the value on the host file; GETXATTR returns it")
                .rule(why)
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100))
                .check(Xattrs::xattrSetGet));

        all.add(Scenario.builder("metadata/xattr/get-size-probe")
                .title("GETXATTR with size 0 returns the length of a host-set value in fuse_getxattr_out")
                .rule("getxattr(2) with size 0 returns the value's length; FUSE answers it as fuse_getxattr_out "
                        + "(fs/fuse/xattr.c fuse_getxattr; " + FUSE_H + ")")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.probe", "thirty-seven bytes of attribute value")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    FuseReply<GetxattrOut> r = x.sizeOf(FuseOpcode.GETXATTR, "user.vfc.probe");
                    int size = x.need(r, "GETXATTR size probe").size();
                    return size == 37 ? Verdict.pass("37 bytes")
                            : Verdict.fail("size 37 (the host value)", String.valueOf(size));
                }));

        all.add(Scenario.builder("metadata/xattr/get-erange")
                .title("GETXATTR into a 4-byte buffer of a 37-byte value is ERANGE")
                .rule("getxattr(2): ERANGE when size is too small for the value (fs/fuse/xattr.c passes the "
                        + "error through)")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.probe", "thirty-seven bytes of attribute value")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    return x.errno(x.value(FuseOpcode.GETXATTR, "user.vfc.probe", 4), Errno.ERANGE);
                }));

        all.add(Scenario.builder("metadata/xattr/get-missing")
                .title("GETXATTR of a name the file lacks is ENODATA")
                .rule("getxattr(2): ENODATA (ENOATTR) when the named attribute does not exist")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    return x.errno(x.value(FuseOpcode.GETXATTR, "user.vfc.absent", 64), Errno.ENODATA);
                }));

        all.add(Scenario.builder("metadata/xattr/list")
                .title("LISTXATTR size probe then LISTXATTR return the host-set names, NUL-separated")
                .rule("listxattr(2): size 0 returns the list's length, then the list is NUL-terminated names (" + FUSE_H
                        + " fuse_getxattr_out; fs/fuse/xattr.c fuse_listxattr)")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.one", "1")).and(xattr(A, "vfc.two", "22")))
                .check(Xattrs::xattrList));

        all.add(Scenario.builder("metadata/xattr/list-erange")
                .title("LISTXATTR into a 1-byte buffer is ERANGE")
                .rule("listxattr(2): ERANGE when size is too small for the list")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.one", "1")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    return x.errno(x.value(FuseOpcode.LISTXATTR, null, 1), Errno.ERANGE);
                }));

        all.add(Scenario.builder("metadata/xattr/remove")
                .title("REMOVEXATTR deletes a host-set attribute; GETXATTR of it is then ENODATA")
                .rule("removexattr(2) removes the attribute; getxattr(2) then gives ENODATA")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.gone", "bye")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    x.done(x.remove("user.vfc.gone"), "REMOVEXATTR");
                    if (hostXattr(c.shared().resolve(A), "vfc.gone") != null) {
                        return Verdict.fail("user.vfc.gone gone from the host file", "it is still there");
                    }
                    Verdict after = x.errno(x.value(FuseOpcode.GETXATTR, "user.vfc.gone", 64), Errno.ENODATA);
                    return after.kind() == Verdict.Kind.PASS ? Verdict.pass("removed on the host; GETXATTR ENODATA")
                            : after;
                }));

        all.add(Scenario.builder("metadata/xattr/remove-missing")
                .title("REMOVEXATTR of an attribute the file does not have is ENODATA")
                .rule("removexattr(2): ENODATA when \"the named attribute does not exist\"; Linux 6.1 sends "
                        + "REMOVEXATTR without asking first (fs/fuse/xattr.c fuse_removexattr) and returns the "
                        + "daemon's errno to removexattr(2)")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    return x.errno(x.remove("user.vfc.never-set"), Errno.ENODATA);
                }));

        all.add(Scenario.builder("metadata/xattr/create-existing")
                .title("SETXATTR with XATTR_CREATE on an existing name is EEXIST and keeps the old value")
                .rule("setxattr(2): XATTR_CREATE fails with EEXIST if the named attribute exists")
                .features(DaemonFeature.XATTR)
                .fixture(Fixtures.file(A, 100).and(xattr(A, "vfc.keep", "old")))
                .check(c -> {
                    Xattr x = Xattr.start(c, A);
                    Verdict v = x.errno(x.set("user.vfc.keep", bytes("new value"), XATTR_CREATE), Errno.EEXIST);
                    byte[] host = hostXattr(c.shared().resolve(A), "vfc.keep");
                    if (v.kind() != Verdict.Kind.UNSUPPORTED && !Arrays.equals(host, bytes("old"))) {
                        return Verdict.fail("host value \"old\" kept",
                                host == null ? "no value" : "\"" + new String(host, StandardCharsets.UTF_8) + "\"");
                    }
                    return v;
                }));
    }

    static Verdict xattrSetGet(ScenarioContext c) throws IOException {
        Xattr x = Xattr.start(c, A);
        byte[] value = bytes("a value for the host, \u00e9t\u00e9");
        x.done(x.set("user.vfc.note", value, 0), "SETXATTR");
        byte[] host = hostXattr(c.shared().resolve(A), "vfc.note");
        if (!Arrays.equals(host, value)) {
            return Verdict.fail("user.vfc.note = the " + value.length + " bytes on the host",
                    host == null ? "no such attribute" : host.length + " different bytes");
        }
        byte[] got = bytes(x.need(x.value(FuseOpcode.GETXATTR, "user.vfc.note", 256), "GETXATTR"));
        if (!Arrays.equals(got, value)) {
            return Verdict.fail("GETXATTR returning the " + value.length + " bytes", got.length + " bytes that differ");
        }
        return Verdict.pass("host holds the value (" + x.layout() + " fuse_setxattr_in); GETXATTR returns it");
    }

    static Verdict xattrList(ScenarioContext c) throws IOException {
        Xattr x = Xattr.start(c, A);
        int size = x.need(x.sizeOf(FuseOpcode.LISTXATTR, null), "LISTXATTR size probe").size();
        if (size <= 0) {
            return Verdict.fail("a positive list length", String.valueOf(size));
        }
        byte[] list = bytes(x.need(x.value(FuseOpcode.LISTXATTR, null, size), "LISTXATTR"));
        if (list.length != size) {
            return Verdict.fail("a list of the probed " + size + " bytes", list.length + " bytes");
        }
        if (list[list.length - 1] != 0) {
            return Verdict.fail("NUL-terminated names", "a list not ending in NUL");
        }
        List<String> names = Arrays.asList(new String(list, 0, list.length - 1, StandardCharsets.UTF_8).split("\0"));
        if (!names.contains("user.vfc.one") || !names.contains("user.vfc.two")) {
            return Verdict.fail("user.vfc.one and user.vfc.two listed", names.toString());
        }
        return Verdict.pass(size + " bytes, " + names);
    }

    /**
     * An xattr session: INIT remembers whether FUSE_SETXATTR_EXT was negotiated (it picks the
     * fuse_setxattr_in layout), and ENOSYS / EOPNOTSUPP on any call ends the check UNSUPPORTED.
     */
    record Xattr(FuseSession fuse, long node, boolean extended) {

        static Xattr start(ScenarioContext c, String file) {
            FuseSession fuse = c.fuse();
            InitOut init = Steps.require(fuse.init(), "INIT");
            long node = Steps.lookup(fuse, 1, file);
            return new Xattr(fuse, node, (init.allFlags() & FuseInitFlags.SETXATTR_EXT) != 0);
        }

        String layout() {
            return extended ? "16-byte (SETXATTR_EXT)" : "8-byte";
        }

        FuseReply<Void> set(String name, byte[] value, int flags) {
            SetxattrIn in = new SetxattrIn(value.length, flags, 0);
            ByteBuffer b = ByteBuffer.allocate(SetxattrIn.size(extended)).order(ByteOrder.LITTLE_ENDIAN);
            in.encodeTo(b, extended);
            return fuse.call(FuseOpcode.SETXATTR, node,
                    List.of(b.flip(), FuseSession.names(name), ByteBuffer.wrap(value)),
                    false, List.of(), r -> null, in + " (" + layout() + ") \"" + name + "\"");
        }

        /** GETXATTR (with {@code name}) or LISTXATTR (name null) with size 0: the length. */
        FuseReply<GetxattrOut> sizeOf(FuseOpcode op, String name) {
            return fuse.call(op, node, args(0, name), false, List.of(ReplyArg.fixed(GetxattrOut.SIZE)),
                    GetxattrOut::decode, "size 0" + (name == null ? "" : " \"" + name + "\""));
        }

        /** GETXATTR (with {@code name}) or LISTXATTR (name null) into a buffer of {@code size} bytes. */
        FuseReply<ByteBuffer> value(FuseOpcode op, String name, int size) {
            return fuse.call(op, node, args(size, name), false, List.of(ReplyArg.data(size)), Function.identity(),
                    "size " + size + (name == null ? "" : " \"" + name + "\""));
        }

        FuseReply<Void> remove(String name) {
            return fuse.call(FuseOpcode.REMOVEXATTR, node, List.of(FuseSession.names(name)), false, List.of(),
                    r -> null, "\"" + name + "\"");
        }

        private static List<ByteBuffer> args(int size, String name) {
            ByteBuffer in = FuseSession.encode(new GetxattrIn(size));
            return name == null ? List.of(in) : List.of(in, FuseSession.names(name));
        }

        <T> T need(FuseReply<T> r, String what) {
            return Steps.need(r, what, Errno.ENOSYS, Errno.EOPNOTSUPP);
        }

        void done(FuseReply<?> r, String what) {
            Steps.done(r, what, Errno.ENOSYS, Errno.EOPNOTSUPP);
        }

        Verdict errno(FuseReply<?> r, Errno preferred) {
            Verdict u = unimplemented(r, "the xattr operation", Errno.ENOSYS, Errno.EOPNOTSUPP);
            return u != null ? u : Expect.errno(r, preferred);
        }
    }
}
