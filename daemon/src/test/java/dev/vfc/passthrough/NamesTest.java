package dev.vfc.passthrough;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vfc.fuse.Errno;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void lookupAcceptsOneComponentIncludingDotAndDotDot() {
        for (String ok : new String[] {"a", ".", "..", "...", ".hidden", "with space", "ünïcode"}) {
            assertThatCode(() -> Names.checkLookup(b(ok))).as(ok).doesNotThrowAnyException();
        }
    }

    @Test
    void lookupRefusesSlashesNulAndEmpty() {
        for (String bad : new String[] {"/", "/etc", "a/b", "a/", ""}) {
            PassthroughTestBase.assertErrno(() -> Names.checkLookup(b(bad)), Errno.EINVAL);
        }
        PassthroughTestBase.assertErrno(() -> Names.checkLookup(new byte[] {'x', 0, 'y'}), Errno.EINVAL);
    }

    @Test
    void entryNamesAlsoRefuseDotAndDotDot() {
        PassthroughTestBase.assertErrno(() -> Names.checkEntry(b(".")), Errno.EINVAL);
        PassthroughTestBase.assertErrno(() -> Names.checkEntry(b("..")), Errno.EINVAL);
        PassthroughTestBase.assertErrno(() -> Names.checkEntry(b("/tmp/evil")), Errno.EINVAL);
        assertThatCode(() -> Names.checkEntry(b("..."))).doesNotThrowAnyException();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
