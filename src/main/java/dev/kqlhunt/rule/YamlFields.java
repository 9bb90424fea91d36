package dev.kqlhunt.rule;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed access to the fields of one YAML mapping, with errors that point at the value. */
final class YamlFields {

    /** Sentinel's schedule bounds for both queryFrequency and queryPeriod. */
    static final Duration MIN_SCHEDULE = Duration.ofMinutes(5);

    static final Duration MAX_SCHEDULE = Duration.ofDays(14);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([mhd])");

    private final String file;
    private final Node node;
    private final Map<String, NodeTuple> fields;

    YamlFields(String file, Node node, Map<String, NodeTuple> fields) {
        this.file = file;
        this.node = node;
        this.fields = fields;
    }

    YamlFields nested(MappingNode mapping) {
        Map<String, NodeTuple> nested = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key
                    && nested.put(key.getValue(), tuple) != null) {
                throw error(key, "duplicate field '" + key.getValue() + "'");
            }
        }
        return new YamlFields(file, mapping, nested);
    }

    RuleException error(Node at, String message) {
        return new RuleException(RuleLoader.location(file, at.getStartMark()) + ": " + message);
    }

    Node required(String field) {
        NodeTuple tuple = fields.get(field);
        if (tuple == null) {
            throw error(node, "missing required field '" + field + "'");
        }
        return tuple.getValueNode();
    }

    String requiredString(String field) {
        String value = string(required(field), field);
        if (value.isBlank()) {
            throw error(required(field), "field '" + field + "' must not be empty");
        }
        return value;
    }

    String optionalString(String field, String defaultValue) {
        NodeTuple tuple = fields.get(field);
        return tuple == null ? defaultValue : string(tuple.getValueNode(), field);
    }

    String string(Node value, String field) {
        if (!(value instanceof ScalarNode scalar)) {
            throw error(value, "field '" + field + "' must be a single value");
        }
        return scalar.getValue();
    }

    List<String> stringList(String field) {
        NodeTuple tuple = fields.get(field);
        List<String> values = new ArrayList<>();
        if (tuple == null) {
            return values;
        }
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
            return values;
        }
        if (!(value instanceof SequenceNode sequence)) {
            throw error(value, "field '" + field + "' must be a list");
        }
        for (Node item : sequence.getValue()) {
            values.add(string(item, field));
        }
        return values;
    }

    List<MappingNode> mappingList(String field) {
        NodeTuple tuple = fields.get(field);
        List<MappingNode> values = new ArrayList<>();
        if (tuple == null) {
            return values;
        }
        if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
            throw error(tuple.getValueNode(), "field '" + field + "' must be a list");
        }
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode mapping)) {
                throw error(item, "each entry of '" + field + "' must be a mapping");
            }
            values.add(mapping);
        }
        return values;
    }

    /**
     * Parses a schedule duration as Sentinel writes it ({@code 5m}, {@code 12h}, {@code 1d}) or
     * as ISO-8601 ({@code PT5H}, {@code P1D}), within Sentinel's 5 minutes to 14 days.
     */
    Duration duration(Node value, String field) {
        String text = string(value, field).strip();
        Duration duration = null;
        Matcher matcher = SHORT_DURATION.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration =
                    switch (matcher.group(2)) {
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
        } else if (text.startsWith("P") || text.startsWith("p")) {
            try {
                duration = Duration.parse(text);
            } catch (RuntimeException e) {
                duration = null;
            }
        }
        if (duration == null) {
            throw error(
                    value,
                    "invalid " + field + " '" + text
                            + "': expected a number followed by m, h or d, such as 5m, 12h or 1d");
        }
        if (duration.compareTo(MIN_SCHEDULE) < 0 || duration.compareTo(MAX_SCHEDULE) > 0) {
            throw error(
                    value,
                    field + " " + text + " is outside Sentinel's range of 5 minutes to 14 days");
        }
        return duration;
    }
}
