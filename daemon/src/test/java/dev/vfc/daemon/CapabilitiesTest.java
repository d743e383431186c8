package dev.vfc.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void printCapabilitiesPrintsTheVhostUserFsDocumentAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--print-capabilities"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(code).isZero();
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json.replaceAll("\\s", "")).isEqualTo("{\"type\":\"fs\",\"features\":[\"separate-options\"]}");
    }
}
