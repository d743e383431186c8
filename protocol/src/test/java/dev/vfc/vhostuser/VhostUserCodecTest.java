package dev.vfc.vhostuser;

import static dev.vfc.vhostuser.VhostUserRequest.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vfc.vhostuser.VhostUserPayload.Empty;
import dev.vfc.vhostuser.VhostUserPayload.MemoryTable;
import dev.vfc.vhostuser.VhostUserPayload.Raw;
import dev.vfc.vhostuser.VhostUserPayload.SingleMemoryRegion;
import dev.vfc.vhostuser.VhostUserPayload.U64;
import dev.vfc.vhostuser.VhostUserPayload.VringAddress;
import dev.vfc.vhostuser.VhostUserPayload.VringFile;
import dev.vfc.vhostuser.VhostUserPayload.VringState;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class VhostUserCodecTest {

    static Stream<Arguments> layouts() {
        VringState state = new VringState(1, 128);
        U64 u64 = new U64(0x1_7000_0000L);
        byte[] config = Hex.parse("00000000 28000000 00000000");
        return Stream.of(
                Arguments.of(GET_FEATURES, false, new Empty()),
                Arguments.of(GET_FEATURES, true, u64),
                Arguments.of(SET_FEATURES, false, u64),
                Arguments.of(GET_PROTOCOL_FEATURES, true, new U64(0x8c2b)),
                Arguments.of(SET_PROTOCOL_FEATURES, false, new U64(0x8c2b)),
                Arguments.of(GET_QUEUE_NUM, false, new Empty()),
                Arguments.of(GET_QUEUE_NUM, true, new U64(2)),
                Arguments.of(GET_MAX_MEM_SLOTS, true, new U64(509)),
                Arguments.of(SET_OWNER, false, new Empty()),
                Arguments.of(RESET_OWNER, false, new Empty()),
                Arguments.of(RESET_DEVICE, false, new Empty()),
                Arguments.of(SET_BACKEND_REQ_FD, false, new Empty()),
                Arguments.of(SET_BACKEND_REQ_FD, true, new U64(0)),
                Arguments.of(SET_VRING_NUM, false, state),
                Arguments.of(SET_VRING_BASE, false, new VringState(1, 65534)),
                Arguments.of(GET_VRING_BASE, false, new VringState(1, 0)),
                Arguments.of(GET_VRING_BASE, true, new VringState(1, 42)),
                Arguments.of(SET_VRING_ENABLE, false, new VringState(0, 1)),
                Arguments.of(VRING_KICK, false, new VringState(1, 0)),
                Arguments.of(SET_VRING_ADDR, false, new VringAddress(0, 0, 0x1000, 0x3000, 0x2000, 0)),
                Arguments.of(SET_VRING_ADDR, true, new U64(0)),
                Arguments.of(SET_VRING_KICK, false, new VringFile(1, false)),
                Arguments.of(SET_VRING_CALL, false, new VringFile(0, true)),
                Arguments.of(SET_VRING_ERR, false, new VringFile(1, false)),
                Arguments.of(SET_MEM_TABLE, false, new MemoryTable(List.of(VhostUserPayloadTest.LOW, VhostUserPayloadTest.HIGH))),
                Arguments.of(SET_MEM_TABLE, true, new U64(0)),
                Arguments.of(ADD_MEM_REG, false, new SingleMemoryRegion(VhostUserPayloadTest.LOW)),
                Arguments.of(ADD_MEM_REG, true, new U64(0)),
                Arguments.of(REM_MEM_REG, false, new SingleMemoryRegion(VhostUserPayloadTest.HIGH)),
                Arguments.of(SET_STATUS, false, new U64(0xf)),
                Arguments.of(GET_STATUS, true, new U64(0xf)),
                Arguments.of(SET_LOG_BASE, false, new Raw(Hex.parse("00100000000000000000000000000000"))),
                Arguments.of(SET_LOG_BASE, true, new U64(0)),
                Arguments.of(GET_CONFIG, false, new Raw(config)),
                Arguments.of(GET_CONFIG, true, new Raw(config)),
                Arguments.of(GET_INFLIGHT_FD, true, new Raw(new byte[24])),
                Arguments.of(SET_DEVICE_STATE_FD, false, new Raw(new byte[8])),
                Arguments.of(CHECK_DEVICE_STATE, true, new U64(0)));
    }

    @ParameterizedTest(name = "{0} reply={1} -> {2}")
    @MethodSource("layouts")
    void decodesEachRequestInItsLayout(VhostUserRequest request, boolean isReply, VhostUserPayload payload) {
        ByteBuffer bytes = ByteBuffer.allocate(payload.size());
        payload.encodeTo(bytes);
        bytes.flip();
        assertThat(VhostUserCodec.decodePayload(request, isReply, bytes)).isEqualTo(payload);
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(VhostUserRequest.class)
    void everyRequestHasALayoutInBothDirections(VhostUserRequest request) {
        for (boolean isReply : new boolean[] {false, true}) {
            // 8 bytes fit every layout except EMPTY (0), fixed ones of other sizes, and tables.
            try {
                VhostUserCodec.decodePayload(request, isReply, ByteBuffer.allocate(8));
            } catch (VhostUserProtocolException e) {
                assertThat(e.getMessage()).startsWith(request.name());
            }
        }
    }

    @Test
    void aWrongSizeNamesRequestExpectedAndActual() {
        assertThatThrownBy(() -> VhostUserCodec.decodePayload(GET_FEATURES, true, ByteBuffer.allocate(4)))
                .isInstanceOf(VhostUserProtocolException.class)
                .hasMessage("GET_FEATURES reply: payload size 4, expected 8");
        assertThatThrownBy(() -> VhostUserCodec.decodePayload(SET_VRING_ADDR, false, ByteBuffer.allocate(32)))
                .hasMessage("SET_VRING_ADDR request: payload size 32, expected 40");
        assertThatThrownBy(() -> VhostUserCodec.decodePayload(ADD_MEM_REG, false, ByteBuffer.allocate(32)))
                .hasMessage("ADD_MEM_REG request: payload size 32, expected 40");
        assertThatThrownBy(() -> VhostUserCodec.decodePayload(SET_OWNER, false, ByteBuffer.allocate(8)))
                .hasMessage("SET_OWNER request: payload size 8, expected 0");
        assertThatThrownBy(() -> VhostUserCodec.decodePayload(GET_VRING_BASE, true, ByteBuffer.allocate(12)))
                .hasMessage("GET_VRING_BASE reply: payload size 12, expected 8");
    }

    @Test
    void reservedVringFileBitsAreRefusedWithTheRequestName() {
        assertThatThrownBy(() -> VhostUserCodec.decodePayload(SET_VRING_CALL, false, Hex.buffer("0000000001000000")))
                .isInstanceOf(VhostUserProtocolException.class)
                .hasMessageStartingWith("SET_VRING_CALL request");
    }

    @Test
    void memoryTableRulesApplyThroughTheCodec() {
        assertThatThrownBy(() -> VhostUserCodec.decodePayload(SET_MEM_TABLE, false, Hex.buffer("09000000 00000000")))
                .isInstanceOf(VhostUserProtocolException.class).hasMessageContaining("nregions 9");
    }

    @Test
    void encodeProducesHeaderAndPayloadInOneBuffer() {
        ByteBuffer b = VhostUserCodec.encode(SET_VRING_NUM, VhostUserHeader.VERSION, new VringState(1, 256));
        assertThat(b.position()).isZero();
        assertThat(Hex.of(b)).isEqualTo(Hex.compact("08000000 01000000 08000000  01000000 00010000"));

        ByteBuffer ack = VhostUserCodec.encodeReply(ADD_MEM_REG, new U64(0));
        assertThat(Hex.of(ack)).isEqualTo(Hex.compact("25000000 05000000 08000000  0000000000000000"));

        ByteBuffer get = VhostUserCodec.encode(GET_FEATURES, VhostUserHeader.VERSION, new Empty());
        assertThat(Hex.of(get)).isEqualTo(Hex.compact("01000000 01000000 00000000"));
    }

    @Test
    void encodeThenDecodeRoundTripsAWholeMessage() {
        MemoryTable table = new MemoryTable(List.of(VhostUserPayloadTest.LOW, VhostUserPayloadTest.HIGH));
        ByteBuffer wire = VhostUserCodec.encode(SET_MEM_TABLE, VhostUserHeader.VERSION | VhostUserHeader.NEED_REPLY, table);
        assertThat(wire.remaining()).isEqualTo(12 + 72);
        VhostUserHeader header = VhostUserHeader.decode(wire);
        VhostUserMessage m = VhostUserCodec.decode(header, wire, new int[] {10, 11});
        assertThat(m.header().needsReply()).isTrue();
        assertThat(m.payload()).isEqualTo(table);
        assertThat(m.fds()).containsExactly(10, 11);
    }

    @Test
    void unknownRequestsDecodeAsRaw() {
        ByteBuffer wire = VhostUserCodec.encode(new VhostUserHeader(99, 1, 3), new Raw(new byte[] {1, 2, 3}));
        VhostUserMessage m = VhostUserCodec.decode(VhostUserHeader.decode(wire), wire, new int[0]);
        assertThat(m.payload()).isEqualTo(new Raw(new byte[] {1, 2, 3}));
        assertThat(m.toString()).startsWith("unknown request 99");
    }

    @Test
    void decodeRefusesAPayloadShorterThanTheHeaderSays() {
        ByteBuffer wire = VhostUserCodec.encode(new VhostUserHeader(SET_FEATURES, 1, 8), new Raw(new byte[4]));
        VhostUserHeader header = VhostUserHeader.decode(wire);
        assertThatThrownBy(() -> VhostUserCodec.decode(header, wire, new int[0]))
                .isInstanceOf(VhostUserProtocolException.class).hasMessageContaining("announces 8");
    }
}
