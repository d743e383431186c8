package dev.vfc.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsFileEnvironmentTest {

    @Test
    void aTargetsEnvironmentIsWrittenAndReadBackInItsOrder() throws Exception {
        ResultsFile file = new ResultsFile(new ResultsFile.TargetInfo("rust", "rust", "1.13.2", "virtiofsd",
                Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")), List.of());

        ResultsFile back = ResultsFile.fromJson(file.toJson(), "test");

        assertThat(back.target().environment()).containsExactly(Map.entry("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        assertThat(file.toJson().get("target").get("environment").get("PATH").asText()).isEqualTo("/usr/sbin:/usr/bin:/sbin:/bin");
    }

    @Test
    void anOlderFileWithoutAnEnvironmentReadsWithAnEmptyOne() throws Exception {
        var json = ResultsFile.JSON.readTree("{\"target\": {\"name\": \"c\", \"kind\": \"c\", \"version\": \"7.2\","
                + " \"command\": \"virtiofsd\"}, \"results\": []}");

        assertThat(ResultsFile.fromJson(json, "old.json").target().environment()).isEmpty();
    }
}
