package dev.kqlhunt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares two peers' matches as multisets of JSON objects: key order is ignored and numbers are
 * compared by value, so {@code 2}, {@code 2.0} and {@code 2E0} are equal.
 */
final class MatchComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Outcome: the row counts, the rows found on one side only, and up to five of those rows in
     * canonical form.
     */
    record Result(
            long left,
            long right,
            long onlyLeftCount,
            long onlyRightCount,
            List<String> onlyLeft,
            List<String> onlyRight) {

        boolean equal() {
            return onlyLeftCount == 0 && onlyRightCount == 0;
        }
    }

    private MatchComparison() {}

    /** Reads JSON lines from a file, or from every file under a folder except hidden ones. */
    static List<String> readLines(Path path) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files(path)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }

    static Result compare(List<String> left, List<String> right) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : left) {
            counts.merge(canonical(line), 1, Integer::sum);
        }
        List<String> onlyRight = new ArrayList<>();
        long onlyRightCount = 0;
        for (String line : right) {
            String key = canonical(line);
            Integer count = counts.get(key);
            if (count == null) {
                onlyRightCount++;
                addExample(onlyRight, key);
            } else if (count == 1) {
                counts.remove(key);
            } else {
                counts.put(key, count - 1);
            }
        }
        List<String> onlyLeft = new ArrayList<>();
        long onlyLeftCount = 0;
        for (Map.Entry<String, Integer> rest : counts.entrySet()) {
            onlyLeftCount += rest.getValue();
            addExample(onlyLeft, rest.getKey());
        }
        return new Result(left.size(), right.size(), onlyLeftCount, onlyRightCount, onlyLeft,
                onlyRight);
    }

    /** Returns the object with keys sorted and numbers written as plain decimals. */
    static String canonical(String line) throws IOException {
        return JSON.writeValueAsString(normalise(JSON.readTree(line)));
    }

    private static JsonNode normalise(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), normalise(field.getValue()));
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            object.setAll(sorted);
            return object;
        }
        if (node.isNumber()) {
            return JsonNodeFactory.instance.textNode(
                    "number:" + node.decimalValue().stripTrailingZeros().toPlainString());
        }
        return node;
    }

    private static void addExample(List<String> examples, String line) {
        if (examples.size() < 5) {
            examples.add(line);
        }
    }

    private static List<Path> files(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
