package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fs.FileSystem;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.InitOut;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.HeapChainWriter;
import dev.vfc.server.fake.MemoryFileSystem;
import dev.vfc.server.fake.Req;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A server over a {@link MemoryFileSystem}, and the driver-side helpers the tests share. */
final class Fixture {

    /** Every INIT flag a Linux 6.x guest may offer (all of fuse.h 7.38 but the reserved bit). */
    static final long LINUX_OFFER = 0xFFFF_FFFFL & ~FuseInitFlags.INIT_RESERVED | FuseInitFlags.SECURITY_CTX
            | FuseInitFlags.HAS_INODE_DAX | FuseInitFlags.HAS_EXPIRE_ONLY;

    final MemoryFileSystem fs;
    final FuseServer server;

    Fixture() {
        this(ServerOptions.defaults());
    }

    Fixture(ServerOptions options) {
        this(new MemoryFileSystem(), options);
    }

    Fixture(MemoryFileSystem fs, ServerOptions options) {
        this.fs = fs;
        this.server = new FuseServer(fs, options);
    }

    static Fixture over(FileSystem fs) {
        return new Fixture(null, new FuseServer(fs, ServerOptions.defaults()));
    }

    private Fixture(MemoryFileSystem fs, FuseServer server) {
        this.fs = fs;
        this.server = server;
    }

    /** Sends {@code r} with writable descriptors of these sizes and checks the reply's framing. */
    Exchange send(Req r, int... writable) {
        return send(r, HeapChainWriter.of(writable));
    }

    Exchange send(Req r, HeapChainWriter w) {
        int used = server.handle(r.chain(), w);
        Exchange x = new Exchange(r, w, used);
        assertFramed(x);
        return x;
    }

    /**
     * The invariants of every reply: either nothing, or a header whose len is exactly the used length
     * and whose unique echoes the request; and never a byte written past the used length.
     */
    static void assertFramed(Exchange x) {
        if (x.used() == 0) {
            assertThat(x.writer().highWater()).as("bytes written with used length 0").isZero();
            return;
        }
        assertThat(x.usedLength()).as("used length").isGreaterThanOrEqualTo(16);
        assertThat(Integer.toUnsignedLong(x.header().len())).as("out.len of %s", x).isEqualTo(x.usedLength());
        assertThat(x.header().unique()).as("out.unique of %s", x).isEqualTo(x.request().unique());
        if (x.header().error() != 0) {
            assertThat(x.used()).as("error reply length").isEqualTo(16);
        }
    }

    static Req init(int major, int minor, long flags, int bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        InitIn.of(major, minor, 128 * 1024, flags).encodeTo(b, bodyLength);
        return Req.op(FuseOpcode.INIT).unique(1).bytes(b.array());
    }

    /** OVMF's INIT: 7.31, a 16-byte body, only DO_READDIRPLUS (edk2-stable202211 OvmfPkg/VirtioFsDxe/FuseInit.c). */
    Exchange initOvmf() {
        return send(init(7, 31, FuseInitFlags.DO_READDIRPLUS, InitIn.SIZE_COMPAT), 16, 64);
    }

    /** A Linux 6.x guest's INIT: 7.38, the 64-byte body, everything offered. */
    Exchange initLinux() {
        return send(init(7, 38, LINUX_OFFER, InitIn.SIZE), 16, 64);
    }

    static InitOut initOut(Exchange x) {
        return InitOut.decode(x.body(), x.body().remaining());
    }
}
