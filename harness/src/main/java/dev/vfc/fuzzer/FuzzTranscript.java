package dev.vfc.fuzzer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vfc.fuse.FuseOpcode;
import dev.vfc.fuzz.FuzzedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * The requests a daemon got from its start up to a finding, as a file {@code vfc fuzz --replay}
 * sends again: each request's fields (opcode, node, a lying header len, body in hex, descriptor
 * lengths), and what they did to the daemon. Fields, never a formatted line.
 *
 * @param target   the target the finding came from
 * @param seed     the campaign's seed
 * @param verdict  the hardening-axis verdict (FAIL-STOP, HANG, BREACH)
 * @param rule     the rule broken
 * @param detail   what happened, as the frontend saw it
 * @param requests in the order they were sent after INIT
 */
public record FuzzTranscript(String target, long seed, String verdict, String rule, String detail,
        List<Request> requests) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HexFormat HEX = HexFormat.of();

    public FuzzTranscript {
        requests = List.copyOf(requests);
    }

    /**
     * One request as the file keeps it.
     *
     * @param name    the opcode's name, for the reader (UNKNOWN(n) for an unknown one); {@code opcode} is what is sent
     * @param len     the header's len when it lies, else null
     * @param body    the body after the header, in hex
     */
    public record Request(int opcode, String name, long nodeid, Integer len, String body, List<Integer> readable,
            List<Integer> writable) {

        public static Request of(FuzzedRequest r) {
            return new Request(r.opcode(), FuseOpcode.describe(r.opcode()), r.nodeid(), r.declaredLen(),
                    HEX.formatHex(r.body()), r.readable(), r.writable());
        }

        public FuzzedRequest toRequest() {
            return new FuzzedRequest(opcode, nodeid, len, HEX.parseHex(body), readable, writable);
        }
    }

    public static FuzzTranscript of(String target, long seed, Violation violation, List<FuzzedRequest> requests) {
        return new FuzzTranscript(target, seed, violation.verdict().kind().label(), violation.rule(),
                violation.verdict().detail(), requests.stream().map(Request::of).toList());
    }

    public List<FuzzedRequest> fuzzedRequests() {
        return requests.stream().map(Request::toRequest).toList();
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** The transcript in {@code file}; an IOException names what is wrong with it. */
    public static FuzzTranscript read(Path file) throws IOException {
        FuzzTranscript t = JSON.readValue(file.toFile(), FuzzTranscript.class);
        if (t.requests() == null || t.requests().isEmpty()) {
            throw new IOException(file + ": no requests to replay");
        }
        return t;
    }
}
