package dev.kqlhunt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the JSON-lines outputs of a hunt and the expected files beside a rule. */
public final class HuntOutput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private HuntOutput() {}

    /** Reads every object of the {@code part-*.jsonl} files in {@code directory}, file by file. */
    public static List<JsonNode> readParts(Path directory) {
        List<JsonNode> rows = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part"))
                    .sorted().toList()) {
                rows.addAll(readLines(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    public static List<JsonNode> readLines(Path file) {
        List<JsonNode> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    rows.add(normalize(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    /** Rewrites every number as a BigDecimal without trailing zeros, so 1523 equals 1523.0. */
    public static JsonNode normalize(JsonNode node) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue().stripTrailingZeros();
            return NODES.numberNode(value.scale() < 0 ? value.setScale(0) : value);
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), normalize(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(normalize(element)));
            return copy;
        }
        return node;
    }

    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Reduces a {@code SecurityAlert} to the fields the expected files state: window, result
     * count, first and last result time, and the Host entities without their type.
     */
    public static JsonNode alertSummary(JsonNode alert) {
        JsonNode properties = alert.path("ExtendedProperties");
        ObjectNode summary = NODES.objectNode();
        summary.put("WindowStart", properties.path("Query Start Time UTC").asText());
        summary.put("WindowEnd", properties.path("Query End Time UTC").asText());
        summary.set(
                "ResultCount",
                normalize(NODES.numberNode(
                        Long.parseLong(
                                properties.path("Search Query Results Overall Count").asText()))));
        summary.put("StartTime", alert.path("StartTime").asText());
        summary.put("EndTime", alert.path("EndTime").asText());
        ArrayNode hosts = summary.putArray("Hosts");
        for (JsonNode entity : alert.path("Entities")) {
            ObjectNode host = ((ObjectNode) entity.deepCopy());
            host.remove("Type");
            hosts.add(host);
        }
        return summary;
    }
}
