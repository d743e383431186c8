package dev.vfc.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vfc.fuse.FuseInHeader;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuse.FuseOutHeader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordedExchangeTest {

    /** A Linux-shaped READ of 124 pages: header and read_in, the out header, then the pages. */
    private static RecordedExchange read() {
        boolean[] writable = new boolean[127];
        long[] length = new long[127];
        length[0] = 40;
        length[1] = 40;
        writable[2] = true;
        length[2] = 16;
        for (int i = 3; i < 127; i++) {
            writable[i] = true;
            length[i] = 4096;
        }
        return new RecordedExchange(4, 1, FuseInHeader.of(FuseOpcode.READ, 80, 4, 2, 0, 0, 1),
                "ReadIn[fh=1, offset=0, size=507904]", RecordedExchange.runs(writable, length), true, 507920,
                new RecordedExchange.Notified(true, true, ""), Optional.of(new FuseOutHeader(507920, 0, 4)),
                "<507904 data bytes>", 0.5, List.of());
    }

    @Test
    void equalNeighbouringDescriptorsAreOneRunWithItsCount() {
        assertThat(read().chain()).containsExactly(new RecordedExchange.Run(false, 40, 2),
                new RecordedExchange.Run(true, 16, 1), new RecordedExchange.Run(true, 4096, 124));
    }

    @Test
    void aLongChainReadsAsItsFirstSixItsCountAndItsLastTwo() {
        assertThat(read().layout())
                .isEqualTo("indirect[R40 R40 W16 W4096 W4096 W4096 ... (127 descriptors) W4096 W4096]");
    }

    @Test
    void theJsonHoldsEachFieldByNameAndReadsBackTheSame() {
        JsonNode json = read().toJson();

        assertThat(json.at("/request/opcode").asInt()).isEqualTo(15);
        assertThat(json.at("/request/name").asText()).isEqualTo("READ");
        assertThat(json.at("/request/len").asLong()).isEqualTo(80);
        assertThat(json.at("/chain/indirect").asBoolean()).isTrue();
        assertThat(json.at("/chain/runs/2/count").asInt()).isEqualTo(124);
        assertThat(json.at("/usedLen").asLong()).isEqualTo(507920);
        assertThat(json.at("/notification/required").asBoolean()).isTrue();
        assertThat(json.at("/reply/errno").asText()).isEqualTo("OK");
        assertThat(RecordedExchange.fromJson(json)).isEqualTo(read());
    }

    @Test
    void aChainReturnedWithoutAnOutHeaderHasNoReplyAndSaysSo() {
        RecordedExchange none = new RecordedExchange(2, 1, FuseInHeader.of(FuseOpcode.GETATTR, 56, 2, 1, 0, 0, 1), "",
                List.of(new RecordedExchange.Run(false, 56, 1), new RecordedExchange.Run(true, 8, 1)), false, 0,
                new RecordedExchange.Notified(false, false, "VRING_AVAIL_F_NO_INTERRUPT"), Optional.empty(), "", 0.1,
                List.of());

        assertThat(none.toJson().has("reply")).isFalse();
        assertThat(RecordedExchange.fromJson(none.toJson())).isEqualTo(none);
        assertThat(none.describe()).contains("used.len=0 notified: no (not required: VRING_AVAIL_F_NO_INTERRUPT) "
                + "<no out header>");
    }
}
