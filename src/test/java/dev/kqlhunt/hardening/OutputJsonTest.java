package dev.kqlhunt.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kqlhunt.output.JsonLines;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that {@link JsonLines} writes one line of valid JSON and UTF-8 whatever a value holds. */
class OutputJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyControlCharacterAndLoneSurrogateIsEscaped() throws Exception {
        StringBuilder value = new StringBuilder("q\"b\\");
        for (char c = 0; c < 0x20; c++) {
            value.append(c);
        }
        for (char c = 0x7f; c <= 0x9f; c++) {
            value.append(c);
        }
        value.append('\u2028').append('\u2029');
        value.append('\ud800').append('x').append('\udc00').append("é😀").append('\udbff');
        String text = value.toString();

        String json = JsonLines.object(generator -> generator.writeStringField("v", text));

        assertThat(json).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]");
        assertThat(json.chars().filter(c -> Character.isSurrogate((char) c)).count())
                .as("surrogates left, which must be the valid pair")
                .isEqualTo(2);
        assertThat(json).contains("\\u007f\\u0080").contains("\\u009f\\u2028\\u2029");
        assertThat(json).contains("\\ud800x\\udc00é😀\\udbff");
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(json);
        JsonNode parsed = JSON.readTree(json);
        assertThat(parsed.get("v").asText()).isEqualTo(text);
    }
}
