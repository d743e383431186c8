package dev.vfc.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestGeneratorTest {

    private static List<FuzzedRequest> requests(long seed, int n) {
        RequestGenerator generator = new RequestGenerator();
        SeededByteSource source = new SeededByteSource(seed);
        List<FuzzedRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(generator.next(source));
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameRequests() {
        assertThat(requests(42, 500)).isEqualTo(requests(42, 500));
    }

    @Test
    void anotherSeedGivesOtherRequests() {
        assertThat(requests(42, 50)).isNotEqualTo(requests(43, 50));
    }

    @Test
    void everyRequestIsSplitOverOneToThreeReadableAndOneToThreeWritableDescriptors() {
        for (FuzzedRequest r : requests(7, 2000)) {
            assertThat(r.readable()).hasSizeBetween(1, 3);
            assertThat(r.writable()).hasSizeBetween(1, 3);
            assertThat(r.readable().stream().mapToInt(Integer::intValue).sum()).isEqualTo(FuseInHeader.SIZE
                    + r.body().length);
            assertThat(r.writableBytes()).isBetween(0L, 8192L);
            assertThat(r.encode(9).remaining()).isEqualTo(r.length());
        }
    }

    @Test
    void mostOpcodesAreKnownAndSomeHeadersLie() {
        List<FuzzedRequest> all = requests(11, 4000);
        long known = all.stream().filter(r -> FuseOpcode.of(r.opcode()).isPresent()).count();
        long lying = all.stream().filter(r -> r.declaredLen() != null).count();
        assertThat(known).isGreaterThan(3500);
        assertThat(lying).isBetween(100L, 500L);
    }

    @Test
    void aNodeAnEntryReplyHandsOutIsUsedByLaterRequests() {
        RequestGenerator generator = new RequestGenerator();
        ByteBuffer entry = ByteBuffer.allocate(FuseOutHeader.SIZE + 128).order(ByteOrder.LITTLE_ENDIAN);
        entry.putInt(0, entry.capacity()).putInt(4, 0).putLong(FuseOutHeader.SIZE, 777);
        generator.learn(FuzzedRequest.plain(FuseOpcode.LOOKUP.code(), 1, new byte[] {'f', 0}, 144), entry);
        SeededByteSource source = new SeededByteSource(3);
        boolean used = false;
        for (int i = 0; i < 200 && !used; i++) {
            used = generator.next(source).nodeid() == 777;
        }
        assertThat(generator.lookups()).containsEntry(777L, 1L);
        assertThat(used).isTrue();
    }

    @Test
    void aSmallerRequestKeepsItsDescriptorsAddingUpToItsBytes() {
        for (FuzzedRequest r : requests(5, 300)) {
            for (FuzzedRequest s : r.smaller()) {
                assertThat(s.readable().stream().mapToInt(Integer::intValue).sum()).isEqualTo(s.length());
                assertThat(s.length()).isLessThanOrEqualTo(r.length());
            }
        }
    }
}
