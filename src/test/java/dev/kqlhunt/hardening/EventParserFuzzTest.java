package dev.kqlhunt.hardening;

import org.apache.flink.types.Row;

import dev.kqlhunt.events.EventParser;
import dev.kqlhunt.events.EventSchema;
import dev.kqlhunt.events.RawRecord;
import dev.kqlhunt.events.Rejection;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gives the Event parser mutated lines of the rule's cases: flipped bytes, truncation, inserted
 * quotes, backslashes, control characters and non-ASCII characters, and deep nesting. For every
 * line the parser must return without throwing, and return either rows and no rejection or
 * exactly one rejection with a reason. See {@link Fuzz} for the number of lines and the seed.
 */
class EventParserFuzzTest {

    private static final String[] INSERTS = {
        "\"", "\\", "\\\"", "\\u", "\\ud800", "\u0000", "\u0001", "\u001b", "\n", "\r", "\t",
        "\u007f", "\u0085", "\u2028", "\ufeff", "\ufffd", "é", "😀", "{", "}", "[", "]", ":",
        ",", "null", "1e999999", "-0", "\"TimeGenerated\":", "\"EventID\":", "{\"records\":["
    };

    @Test
    void mutatedLinesGiveRowsOrOneRejection() throws IOException {
        List<String> cases =
                Files.readAllLines(
                        HuntRun.RULE.resolve("tests").resolve("events.jsonl"),
                        StandardCharsets.UTF_8);
        Random random = Fuzz.random();
        EventParser parser = new EventParser();
        int rowsSeen = 0;
        int rejectionsSeen = 0;

        for (int i = 0; i < Fuzz.LINES; i++) {
            String line = mutate(cases.get(random.nextInt(cases.size())), random);
            RawRecord raw = RawRecord.line("fuzz.jsonl", i + 1, line);
            String context = "seed " + Fuzz.SEED + ", case " + i + ": " + start(line);

            EventParser.ParseResult result = parser.parse(raw);

            if (result.rejections().isEmpty()) {
                assertThat(result.rows()).as(context).isNotEmpty();
                for (Row row : result.rows()) {
                    assertThat(row.getArity()).as(context).isEqualTo(EventSchema.size());
                    assertThat(row.getField(timeIndex())).as(context).isNotNull();
                }
                rowsSeen++;
            } else {
                assertThat(result.rows()).as(context).isEmpty();
                assertThat(result.rejections()).as(context).hasSize(1);
                Rejection rejection = result.rejections().get(0);
                assertThat(rejection.line()).as(context).isEqualTo(i + 1);
                assertThat(rejection.category()).as(context).isNotNull();
                assertThat(rejection.reason()).as(context).isNotBlank();
                // The parser's catch-all for its own faults must never be needed.
                assertThat(rejection.reason()).as(context).doesNotStartWith("JSON parser failed");
                assertThat(rejection.rawStart()).as(context).isEqualTo(prefix(line));
                rejectionsSeen++;
            }
        }

        assertThat(rowsSeen).as("mutated lines that still parse").isPositive();
        assertThat(rejectionsSeen).as("mutated lines rejected").isPositive();
    }

    private static String mutate(String line, Random random) {
        int steps = 1 + random.nextInt(3);
        String text = line;
        for (int i = 0; i < steps; i++) {
            text =
                    switch (random.nextInt(6)) {
                        case 0 -> flipByte(text, random);
                        case 1 -> text.substring(0, random.nextInt(text.length() + 1));
                        case 2 -> insert(text, INSERTS[random.nextInt(INSERTS.length)], random);
                        case 3 -> insert(text, String.valueOf((char) random.nextInt(0x10000)), random);
                        case 4 -> nest(text, random);
                        default -> text;
                    };
        }
        return text;
    }

    /** Flips one bit of the UTF-8 bytes and decodes them as the reader does, with U+FFFD. */
    private static String flipByte(String text, Random random) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return text;
        }
        byte[] flipped = Arrays.copyOf(bytes, bytes.length);
        flipped[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        return new String(flipped, StandardCharsets.UTF_8);
    }

    private static String insert(String text, String piece, Random random) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + piece + text.substring(at);
    }

    /** Wraps a value in up to 5,000 levels of arrays or objects, inside or around the line. */
    private static String nest(String text, Random random) {
        int depth = 1 + random.nextInt(5_000);
        boolean objects = random.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        if (random.nextBoolean()) {
            return text.replaceFirst("\\{", "{\"Deep\":" + java.util.regex.Matcher.quoteReplacement(nested) + ",");
        }
        return nested;
    }

    private static int timeIndex() {
        return EventSchema.column(EventSchema.TIME_GENERATED).orElseThrow().index();
    }

    private static String prefix(String line) {
        if (line.length() <= Rejection.RAW_START_CHARS) {
            return line;
        }
        int end = Rejection.RAW_START_CHARS;
        return Character.isHighSurrogate(line.charAt(end - 1))
                ? line.substring(0, end - 1)
                : line.substring(0, end);
    }

    private static String start(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}
