package dev.vfc.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.CreateIn;
import dev.vfc.fuse.Errno;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.LinkIn;
import dev.vfc.fuse.MkdirIn;
import dev.vfc.fuse.MknodIn;
import dev.vfc.fuse.Rename2In;
import dev.vfc.fuse.RenameIn;
import dev.vfc.server.fake.Exchange;
import dev.vfc.server.fake.Req;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class NamesTest {

    private final Fixture fx = new Fixture();
    private long file;

    @BeforeEach
    void init() {
        fx.initLinux();
        file = fx.fs.addFile("a.txt", new byte[0]);
        fx.fs.calls.clear();
    }

    /** Each operation that creates, removes or renames, with the checked name put in. */
    static Stream<Arguments> namingOps() {
        Stream<Arguments> ops = Stream.of(
                op("MKDIR", n -> Req.op(FuseOpcode.MKDIR).node(1).body(new MkdirIn(0755, 0)).name(n)),
                op("MKNOD", n -> Req.op(FuseOpcode.MKNOD).node(1).body(new MknodIn(0100644, 0, 0)).name(n)),
                op("CREATE", n -> Req.op(FuseOpcode.CREATE).node(1).body(new CreateIn(2, 0644, 0, 0)).name(n)),
                op("SYMLINK name", n -> Req.op(FuseOpcode.SYMLINK).node(1).name(n).name("target")),
                op("LINK new name", n -> Req.op(FuseOpcode.LINK).node(1).body(new LinkIn(2)).name(n)),
                op("UNLINK", n -> Req.op(FuseOpcode.UNLINK).node(1).name(n)),
                op("RMDIR", n -> Req.op(FuseOpcode.RMDIR).node(1).name(n)),
                op("RENAME old name", n -> Req.op(FuseOpcode.RENAME).node(1).body(new RenameIn(1)).name(n).name("b")),
                op("RENAME new name", n -> Req.op(FuseOpcode.RENAME).node(1).body(new RenameIn(1)).name("a.txt")
                        .name(n)),
                op("RENAME2 old name", n -> Req.op(FuseOpcode.RENAME2).node(1).body(new Rename2In(1, 1)).name(n)
                        .name("b")),
                op("RENAME2 new name", n -> Req.op(FuseOpcode.RENAME2).node(1).body(new Rename2In(1, 1))
                        .name("a.txt").name(n)));
        return ops.flatMap(a -> Stream.of("/etc", "a/b", "x/", ".", "..", "").map(
                bad -> Arguments.of(a.get()[0], bad, a.get()[1])));
    }

    private static Arguments op(String what, Function<String, Req> build) {
        return Arguments.of(what, build);
    }

    @ParameterizedTest(name = "{0} \"{1}\" -> EINVAL")
    @MethodSource("namingOps")
    void a_slash_dot_dotdot_or_empty_name_is_EINVAL_and_never_reaches_the_filesystem(String what, String name,
            Function<String, Req> build) {
        Exchange x = fx.send(build.apply(name), 16, 4096);

        assertThat(x.errno()).isEqualTo(Errno.EINVAL.number());
        assertThat(fx.fs.calls()).isEmpty();
    }

    @ParameterizedTest(name = "{0} with a plain name reaches the filesystem")
    @MethodSource("plainOps")
    void a_plain_name_passes(String what, Function<String, Req> build) {
        fx.send(build.apply("fresh"), 16, 4096);

        assertThat(fx.fs.calls()).hasSize(1);
    }

    static Stream<Arguments> plainOps() {
        return namingOps().filter(a -> a.get()[1].equals("."))
                .map(a -> Arguments.of(a.get()[0], a.get()[2]));
    }

    @Test
    void an_empty_LOOKUP_name_is_ENOENT() {
        Exchange x = fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name(""), 16, 40, 88);

        assertThat(x.errno()).isEqualTo(Errno.ENOENT.number());
        assertThat(fx.fs.calls()).isEmpty();
    }

    @Test
    void a_LOOKUP_name_with_a_slash_is_EINVAL() {
        Exchange x = fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("/etc"), 16, 40, 88);

        assertThat(x.errno()).isEqualTo(Errno.EINVAL.number());
        assertThat(fx.fs.calls()).isEmpty();
    }

    @Test
    void LOOKUP_of_dot_and_dotdot_is_left_to_the_filesystem() {
        fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name(".."), 16, 40, 88);
        fx.send(Req.op(FuseOpcode.LOOKUP).node(1).name("."), 16, 40, 88);

        assertThat(fx.fs.calls()).containsExactly("lookup ..", "lookup .");
    }

    @Test
    void a_SYMLINK_target_may_hold_slashes_and_dotdot() {
        Exchange x = fx.send(Req.op(FuseOpcode.SYMLINK).node(1).name("l").name("../x/y"), 16, 40, 88);

        assertThat(x.errno()).isZero();
        assertThat(fx.fs.calls()).containsExactly("symlink l -> ../x/y");
    }

    @Test
    void an_empty_SYMLINK_target_is_ENOENT() {
        Exchange x = fx.send(Req.op(FuseOpcode.SYMLINK).node(1).name("l").name(""), 16, 40, 88);

        assertThat(x.errno()).isEqualTo(Errno.ENOENT.number());
        assertThat(fx.fs.calls()).isEmpty();
    }

    @Test
    void a_name_ends_at_its_first_NUL() {
        byte[] body = "a.txt\0junk\0".getBytes();

        Exchange x = fx.send(Req.op(FuseOpcode.LOOKUP).node(1).bytes(body), 16, 40, 88);

        assertThat(x.errno()).isZero();
        assertThat(fx.fs.calls()).containsExactly("lookup a.txt");
        assertThat(fx.fs.lookups(file)).isEqualTo(1);
    }
}
