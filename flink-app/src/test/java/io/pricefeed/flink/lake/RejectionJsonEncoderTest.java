package io.pricefeed.flink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricefeed.model.Rejection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionJsonEncoderTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachRejectionIsOneLineThatParsesBackToItself() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RejectionJsonEncoder encoder = new RejectionJsonEncoder();
        for (Rejection r : LakeFixtures.rejects()) {
            encoder.encode(r, out);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSameSizeAs(LakeFixtures.rejects());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(json.readValue(lines.get(i), Rejection.class)).isEqualTo(LakeFixtures.rejects().get(i));
        }
    }

    @Test
    void theLineHoldsExactlyTheFourFields() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RejectionJsonEncoder().encode(new Rejection("late", null, "{\"a\":1}\n", 42L), out);
        JsonNode line = json.readTree(out.toByteArray());
        assertThat(line.fieldNames()).toIterable().containsExactly("reason", "detail", "raw", "ts");
        assertThat(line.get("detail").isNull()).isTrue();
        assertThat(line.get("raw").asText()).isEqualTo("{\"a\":1}\n");
        assertThat(line.get("ts").asLong()).isEqualTo(42L);
    }
}
