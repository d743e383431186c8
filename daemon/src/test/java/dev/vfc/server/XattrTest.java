package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseInitFlags;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.GetxattrIn;
import dev.vfc.fuse.GetxattrOut;
import dev.vfc.fuse.InitIn;
import dev.vfc.fuse.SetxattrIn;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.Req;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class XattrTest {

    private final Fixture fx = new Fixture();
    private long file;

    @BeforeEach
    void init() {
        fx.initLinux();
        file = fx.fs.addFile("f", new byte[0]);
        fx.fs.setXattr(file, "user.colour", "blue".getBytes());
        fx.fs.setXattr(file, "user.size", "large".getBytes());
    }

    private Req getxattr(int size, String name) {
        return Req.op(FuseOpcode.GETXATTR).node(file).body(new GetxattrIn(size)).name(name);
    }

    @Test
    void GETXATTR_with_size_0_replies_the_length_as_a_getxattr_out() {
        Exchange x = fx.send(getxattr(0, "user.colour"), 16, 8);

        assertThat(x.used()).isEqualTo(24);
        assertThat(GetxattrOut.decode(x.body()).size()).isEqualTo(4);
    }

    @Test
    void GETXATTR_with_room_replies_the_value() {
        Exchange x = fx.send(getxattr(64, "user.colour"), 16, 64);

        assertThat(x.used()).isEqualTo(20);
        assertThat(new String(x.body().array())).isEqualTo("blue");
    }

    @Test
    void GETXATTR_with_a_size_smaller_than_the_value_is_ERANGE() {
        assertThat(fx.send(getxattr(3, "user.colour"), 16, 64).errno()).isEqualTo(Errno.ERANGE.number());
    }

    @Test
    void GETXATTR_of_a_missing_attribute_passes_the_filesystems_ENODATA() {
        assertThat(fx.send(getxattr(64, "user.none"), 16, 64).errno()).isEqualTo(Errno.ENODATA.number());
    }

    @Test
    void GETXATTR_with_an_empty_name_is_EINVAL() {
        assertThat(fx.send(getxattr(64, ""), 16, 64).errno()).isEqualTo(Errno.EINVAL.number());
    }

    @Test
    void GETXATTR_whose_value_fits_size_but_not_the_chain_is_E2BIG() {
        assertThat(fx.send(getxattr(64, "user.colour"), 16, 2).errno()).isEqualTo(Errno.E2BIG.number());
    }

    @Test
    void LISTXATTR_probes_then_lists_NUL_separated_names() {
        Exchange probe = fx.send(Req.op(FuseOpcode.LISTXATTR).node(file).body(new GetxattrIn(0)), 16, 8);
        int length = GetxattrOut.decode(probe.body()).size();

        Exchange list = fx.send(Req.op(FuseOpcode.LISTXATTR).node(file).body(new GetxattrIn(length)), 16, length);

        assertThat(length).isEqualTo("user.colour\0user.size\0".length());
        assertThat(new String(list.body().array())).isEqualTo("user.colour\0user.size\0");
    }

    @Test
    void LISTXATTR_with_a_too_small_size_is_ERANGE() {
        assertThat(fx.send(Req.op(FuseOpcode.LISTXATTR).node(file).body(new GetxattrIn(5)), 16, 64).errno())
                .isEqualTo(Errno.ERANGE.number());
    }

    @Test
    void SETXATTR_uses_the_8_byte_layout_unless_SETXATTR_EXT_was_negotiated() {
        ByteBuffer compat = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        new SetxattrIn(3, 0, 0).encodeTo(compat, false);

        Exchange x = fx.send(Req.op(FuseOpcode.SETXATTR).node(file).bytes(compat.array()).name("user.new")
                .bytes("abc".getBytes()), 16);

        assertThat(x.errno()).isZero();
        assertThat(fx.fs.xattr(file, "user.new")).isEqualTo("abc".getBytes());
    }

    @Test
    void SETXATTR_uses_the_16_byte_layout_when_SETXATTR_EXT_was_negotiated() {
        Fixture ext = new Fixture();
        ext.fs.initWants = FuseInitFlags.SETXATTR_EXT;
        ext.send(Fixture.init(7, 38, FuseInitFlags.SETXATTR_EXT | FuseInitFlags.INIT_EXT, InitIn.SIZE), 16, 64);
        long f = ext.fs.addFile("f", new byte[0]);

        Exchange x = ext.send(Req.op(FuseOpcode.SETXATTR).node(f).body(new SetxattrIn(3, 0, 1)).name("user.new")
                .bytes("xyz".getBytes()), 16);

        assertThat(x.errno()).isZero();
        assertThat(ext.fs.xattr(f, "user.new")).isEqualTo("xyz".getBytes());
    }

    @Test
    void SETXATTR_with_fewer_value_bytes_than_its_size_is_EINVAL() {
        ByteBuffer compat = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        new SetxattrIn(10, 0, 0).encodeTo(compat, false);

        Exchange x = fx.send(Req.op(FuseOpcode.SETXATTR).node(file).bytes(compat.array()).name("user.new")
                .bytes("abc".getBytes()), 16);

        assertThat(x.errno()).isEqualTo(Errno.EINVAL.number());
        assertThat(fx.fs.xattr(file, "user.new")).isNull();
    }

    @Test
    void REMOVEXATTR_removes() {
        Exchange x = fx.send(Req.op(FuseOpcode.REMOVEXATTR).node(file).name("user.size"), 16);

        assertThat(x.errno()).isZero();
        assertThat(fx.fs.xattr(file, "user.size")).isNull();
    }
}
