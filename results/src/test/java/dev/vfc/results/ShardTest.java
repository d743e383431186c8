package dev.vfc.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shard a scenario lands in, pinned to values worked out by hand from SHA-256. */
class ShardTest {

    @Test
    void theHashIsTheFirstEightBytesOfSha256OfTheId() {
        // SHA-256("a") = ca978112ca1bbdca fac231b39a23dc4d a786eff8147c4e72 b9807785afee48bb (FIPS 180-4 test vectors' alphabet)
        assertThat(Shard.hash("a")).isEqualTo(0xca978112ca1bbdcaL);
        assertThat(Shard.hash("init/minor/7.38")).isEqualTo(0x57bad9a60836bd0cL);
    }

    @Test
    void theShardIsTheUnsignedHashModuloTheCountPlusOne() {
        // 0xca978112ca1bbdca is negative as a long; unsigned, its low two bits are 10, so it is 2 mod 4
        assertThat(Shard.of("a", 4)).isEqualTo(new Shard(3, 4));
        // 0x...bd0c: low two bits 00, so 0 mod 4
        assertThat(Shard.of("init/minor/7.38", 4)).isEqualTo(new Shard(1, 4));
        // 0x57bad9a60836bd0c = 6321604334093516044, which is 1 mod 3 and 3 mod 7 (worked out with bc)
        assertThat(Shard.of("init/minor/7.38", 3)).isEqualTo(new Shard(2, 3));
        assertThat(Shard.of("init/minor/7.38", 7)).isEqualTo(new Shard(4, 7));
    }

    @Test
    void everyScenarioIsInExactlyOneShard() {
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> "area/scenario/" + i).toList();
        for (String id : ids) {
            assertThat(IntStream.rangeClosed(1, 4).filter(k -> new Shard(k, 4).holds(id)).count()).isEqualTo(1);
        }
    }

    @Test
    void aShardIsParsedFromKSlashN() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse("1/1").label()).isEqualTo("1/1");
    }

    @Test
    void aShardOutsideOneToNOrNotANumberIsRefused() {
        for (String bad : List.of("0/4", "5/4", "1/0", "a/4", "2", "2/4/1", "-1/4", "", "1.5/4", "99999999999/1")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a shard is K/N");
        }
    }
}
