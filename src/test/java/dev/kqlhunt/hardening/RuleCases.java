package dev.kqlhunt.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Lines of the Silk Typhoon rule's own cases, and variants of them with one field changed. */
final class RuleCases {

    /** Line 1: a true positive at 2021-03-01T00:00:00Z on EXCH01.contoso.com. */
    static final String BEFORE = line(1);

    /** Line 20: a true positive at 2021-03-02T00:00:00Z on EXCH01. */
    static final String AFTER = line(20);

    /** Line 2: a Call Router event that the rule does not match. */
    static final String NEAR_MISS = line(2);

    static final String BEFORE_TIME = "2021-03-01T00:00:00.0000000Z";
    static final String AFTER_TIME = "2021-03-02T00:00:00.0000000Z";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleCases() {}

    /** Returns line {@code number} (1-based) of the rule's events.jsonl. */
    static String line(int number) {
        try {
            List<String> lines =
                    Files.readAllLines(
                            HuntRun.RULE.resolve("tests").resolve("events.jsonl"),
                            StandardCharsets.UTF_8);
            return lines.get(number - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code line} with {@code field} set to the JSON value {@code jsonValue}. */
    static String with(String line, String field, String jsonValue) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(line);
            event.set(field, JSON.readTree(jsonValue));
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code line} without {@code field}. */
    static String without(String line, String field) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(line);
            event.remove(field);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code lines} joined by {@code \n}, with a final line end, as UTF-8. */
    static Path write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
