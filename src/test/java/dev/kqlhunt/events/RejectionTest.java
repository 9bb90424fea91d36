package dev.kqlhunt.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionTest {

    @Test
    void toJsonEscapesEveryControlCharacter() throws Exception {
        StringBuilder raw = new StringBuilder("q\"b\\");
        for (char c = 0; c < 0x20; c++) {
            raw.append(c);
        }
        raw.append('\u007f').append('\u0085').append('\u2028').append('\u2029').append("é😀");
        Rejection rejection = new Rejection(
                        "dir/a\nb.json",
                        12,
                        RejectionCategory.INVALID_VALUE,
                        "bad\tvalue",
                        raw.toString());

        String json = rejection.toJson();

        assertThat(json).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]");
        assertThat(json)
                .startsWith(
                        "{\"file\":\"dir/a\\nb.json\",\"line\":12,\"category\":\"invalid-value\","
                                + "\"reason\":\"bad\\tvalue\","
                                + "\"rawStart\":\"q\\\"b\\\\\\u0000\\u0001");
        assertThat(json).contains("\\u007f\\u0085\\u2028\\u2029é😀\"}");
        JsonNode parsed = new ObjectMapper().readTree(json);
        assertThat(parsed.get("file").asText()).isEqualTo("dir/a\nb.json");
        assertThat(parsed.get("line").asLong()).isEqualTo(12);
        assertThat(parsed.get("reason").asText()).isEqualTo("bad\tvalue");
        assertThat(parsed.get("rawStart").asText()).isEqualTo(raw.toString());
    }

    @Test
    void toJsonEscapesLoneSurrogates() throws Exception {
        String raw = "a\ud800b\udc00c😀\udbff";
        Rejection rejection =
                new Rejection("f", 1, RejectionCategory.INVALID_JSON, "bad", raw);

        String json = rejection.toJson();

        assertThat(json).endsWith("\"rawStart\":\"a\\ud800b\\udc00c😀\\udbff\"}");
        assertThat(new ObjectMapper().readTree(json).get("rawStart").asText()).isEqualTo(raw);
    }

    @Test
    void rawStartKeepsSurrogatePairsWhole() {
        String text = "x".repeat(199) + "😀tail";

        assertThat(Rejection.start(text)).isEqualTo("x".repeat(199));
    }
}
