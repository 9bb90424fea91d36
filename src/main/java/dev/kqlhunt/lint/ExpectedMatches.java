package dev.kqlhunt.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kqlhunt.kql.OutputColumn;
import dev.kqlhunt.kql.Type;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The results a rule returns for its test cases, from {@code tests/expected-matches.jsonl} in
 * the rule folder: the known true positives that an exclusion should leave in place. Only the
 * string columns are kept, because lint decides exclusions only on strings.
 *
 * @param file the file as given, for messages
 * @param rows one map of string column values for each expected result
 */
record ExpectedMatches(String file, List<Map<String, String>> rows) {

    /** The file's path in a rule folder. */
    static final String PATH = "tests/expected-matches.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    ExpectedMatches {
        rows = List.copyOf(rows);
    }

    /**
     * Loads the expected results beside {@code ruleFile}, or returns null when there is no such
     * file.
     *
     * @param columns the rule's output columns, whose string values are kept
     * @throws IOException when the file cannot be read or a line is not a JSON object
     */
    static ExpectedMatches load(Path ruleFile, List<OutputColumn> columns) throws IOException {
        Path file = ruleFile.resolveSibling(PATH);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<Map<String, String>> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IOException(file + ":" + lineNumber + ":1: invalid JSON: "
                        + e.getOriginalMessage(), e);
            }
            if (!row.isObject()) {
                throw new IOException(file + ":" + lineNumber + ":1: expected a JSON object");
            }
            rows.add(strings(row, columns));
        }
        return new ExpectedMatches(file.toString(), rows);
    }

    /** Returns the string columns that the row has as JSON strings; any other is left out. */
    private static Map<String, String> strings(JsonNode row, List<OutputColumn> columns) {
        Map<String, String> values = new HashMap<>();
        for (OutputColumn column : columns) {
            JsonNode value = row.get(column.name());
            if (column.type() == Type.STRING && value != null && value.isTextual()) {
                values.put(column.name(), value.textValue());
            }
        }
        return values;
    }
}
