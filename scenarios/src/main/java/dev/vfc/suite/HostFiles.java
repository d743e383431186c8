package dev.vfc.suite;

import dev.vfc.results.Verdict;
import dev.vfc.scenario.ScenarioContext;
import dev.vfc.scenario.VerdictReached;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;

/**
 * What the host side of the share shows (a file's mode, bytes and user.* attributes), for checks
 * that prove an operation on the host, not only by the daemon's reply.
 */
final class HostFiles {

    private HostFiles() {
    }

    static int hostMode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    static String describeHost(Path p) {
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return "nothing at " + p.getFileName();
            }
            return p.getFileName() + " with mode " + octal(hostMode(p)) + ", " + Files.size(p) + " bytes";
        } catch (IOException e) {
            return p.getFileName() + ": " + e.getMessage();
        }
    }

    static Verdict hostBytes(ScenarioContext c, String name, byte[] want, String what) throws IOException {
        byte[] host = Files.readAllBytes(c.shared().resolve(name));
        if (!Arrays.equals(host, want)) {
            return Verdict.fail(what, host.length + " bytes" + (host.length == want.length ? " that differ" : ""));
        }
        return Verdict.pass(what);
    }

    /** The value of user.{@code name} on the host file, null when it has none. */
    static byte[] hostXattr(Path p, String name) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
        if (!view.list().contains(name)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(view.size(name));
        view.read(name, b);
        return Arrays.copyOf(b.array(), b.position());
    }

    static String octal(int mode) {
        return "0" + Integer.toOctalString(mode);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static String string(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.UTF_8);
    }

    /**
     * Replaces the host file at {@code p} with a new one of {@code size} bytes, a new inode (made
     * beside it, then renamed over it, so the number cannot be the old one's), as a host-side
     * editor or package manager does while a guest holds the name.
     */
    static void replace(Path p, int size) throws IOException {
        Path fresh = p.resolveSibling(p.getFileName() + ".new");
        Files.write(fresh, Fixtures.content(size));
        Files.move(fresh, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the host file at {@code p} behind the guest's back. */
    static void remove(Path p) throws IOException {
        Files.delete(p);
    }

    static byte[] hostFile(ScenarioContext c) {
        try {
            return Files.readAllBytes(c.shared().resolve(Sizing.FILE));
        } catch (IOException e) {
            throw new VerdictReached(Verdict.fail("the host file readable after the WRITE", e.toString()));
        }
    }

    static String describeChange(byte[] before, byte[] after) {
        if (before.length != after.length) {
            return "the host file went from " + before.length + " to " + after.length + " bytes";
        }
        int i = 0;
        while (i < before.length && before[i] == after[i]) {
            i++;
        }
        return "the host file's bytes changed from offset " + i;
    }
}
