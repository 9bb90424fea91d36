package dev.kqlhunt.rule;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Sentinel analytics rule from its YAML file.
 *
 * <p>The file is composed into YAML nodes only: no Java type is ever constructed from a tag, aliases
 * and nesting are bounded, and every error names the file, line and column of the offending value.
 */
public final class RuleLoader {

    /** Rule files larger than this are rejected before parsing. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final List<String> SEVERITIES = List.of("Informational", "Low", "Medium", "High");
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.MAP, Tag.SEQ, Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP);

    private RuleLoader() {}

    /** Loads and validates the rule in {@code file}. */
    public static Rule load(Path file) {
        String name = file.toString();
        String text = read(file, name);
        MappingNode root = compose(text, name);
        Map<String, NodeTuple> fields = fields(root, name);
        YamlFields yaml = new YamlFields(name, root, fields);

        String kind = yaml.optionalString("kind", "Scheduled");
        if (!kind.equals("Scheduled")) {
            throw yaml.error(
                    fields.get("kind").getValueNode(),
                    "unsupported rule kind '" + kind + "': only Scheduled rules can run here");
        }
        Node queryNode = yaml.required("query");
        String query = yaml.string(queryNode, "query");
        int[] queryPosition = queryPosition(text, (ScalarNode) queryNode);

        Schedule schedule = schedule(yaml);
        TriggerOperator operator = triggerOperator(yaml);
        int threshold = triggerThreshold(yaml);
        String severity = yaml.requiredString("severity");
        if (!SEVERITIES.contains(severity)) {
            throw yaml.error(
                    yaml.required("severity"),
                    "invalid severity '" + severity + "', expected one of " + SEVERITIES);
        }

        return new Rule(
                Rule.folderOf(file),
                yaml.requiredString("id"),
                yaml.requiredString("name"),
                yaml.optionalString("description", "").strip(),
                yaml.optionalString("version", "1.0.0"),
                severity,
                yaml.stringList("tactics"),
                yaml.stringList("relevantTechniques"),
                name,
                query,
                queryPosition[0],
                queryPosition[1],
                schedule,
                operator,
                threshold,
                entityMappings(yaml));
    }

    private static String read(Path file, String name) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new RuleException(
                        name + ": rule file is " + size + " bytes, more than the maximum of "
                                + MAX_FILE_BYTES);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleException(name + ": cannot read rule file: " + e.getMessage(), e);
        }
    }

    private static MappingNode compose(String text, String name) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(MAX_FILE_BYTES);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new RuleException(
                    location(name, mark) + ": invalid YAML: " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new RuleException(name + ": invalid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new RuleException(name + ": a rule file must be a YAML mapping of rule fields");
        }
        rejectCustomTags(root, name);
        return mapping;
    }

    /** Rejects explicit tags such as {@code !!java.net.URL} that a YAML constructor would obey. */
    private static void rejectCustomTags(Node node, String name) {
        if (!PLAIN_TAGS.contains(node.getTag())) {
            throw new RuleException(
                    location(name, node.getStartMark())
                            + ": YAML tag '" + node.getTag().getValue()
                            + "' is not allowed in a rule file");
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                rejectCustomTags(tuple.getKeyNode(), name);
                rejectCustomTags(tuple.getValueNode(), name);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node child : sequence.getValue()) {
                rejectCustomTags(child, name);
            }
        }
    }

    private static Map<String, NodeTuple> fields(MappingNode root, String name) {
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : root.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new RuleException(
                        location(name, tuple.getKeyNode().getStartMark())
                                + ": rule field names must be plain strings");
            }
            if (fields.put(key.getValue(), tuple) != null) {
                throw new RuleException(
                        location(name, key.getStartMark())
                                + ": duplicate field '" + key.getValue() + "'");
            }
        }
        return fields;
    }

    /**
     * Returns the 1-based line where the query's text starts and the indentation stripped from
     * each of its lines, so that compiler errors point into the rule file.
     */
    private static int[] queryPosition(String text, ScalarNode node) {
        Mark start = node.getStartMark();
        Character style = node.getScalarStyle().getChar();
        if (style != null && (style == '|' || style == '>')) {
            String[] lines = text.split("\n", -1);
            for (int line = start.getLine() + 1; line < lines.length; line++) {
                String content = lines[line];
                if (!content.isBlank()) {
                    int indent = content.length() - content.stripLeading().length();
                    return new int[] {line + 1, indent};
                }
            }
            return new int[] {start.getLine() + 2, 0};
        }
        int quote = style == null ? 0 : 1;
        return new int[] {start.getLine() + 1, start.getColumn() + quote};
    }

    private static Schedule schedule(YamlFields yaml) {
        Node frequencyNode = yaml.required("queryFrequency");
        Node periodNode = yaml.required("queryPeriod");
        Schedule schedule =
                new Schedule(
                        yaml.duration(frequencyNode, "queryFrequency"),
                        yaml.duration(periodNode, "queryPeriod"));
        if (schedule.period().compareTo(schedule.frequency()) < 0) {
            throw yaml.error(
                    periodNode,
                    "queryPeriod " + yaml.string(periodNode, "queryPeriod")
                            + " is shorter than queryFrequency "
                            + yaml.string(frequencyNode, "queryFrequency")
                            + ", so rows between runs would never be evaluated");
        }
        return schedule;
    }

    private static TriggerOperator triggerOperator(YamlFields yaml) {
        Node node = yaml.required("triggerOperator");
        try {
            return TriggerOperator.parse(yaml.string(node, "triggerOperator"));
        } catch (IllegalArgumentException e) {
            throw yaml.error(node, e.getMessage());
        }
    }

    private static int triggerThreshold(YamlFields yaml) {
        Node node = yaml.required("triggerThreshold");
        String value = yaml.string(node, "triggerThreshold");
        try {
            int threshold = Integer.parseInt(value);
            if (threshold < 0 || threshold > 10_000) {
                throw yaml.error(
                        node, "triggerThreshold " + threshold + " is outside Sentinel's 0 to 10000");
            }
            return threshold;
        } catch (NumberFormatException e) {
            throw yaml.error(node, "triggerThreshold '" + value + "' is not a whole number");
        }
    }

    private static List<EntityMapping> entityMappings(YamlFields yaml) {
        List<EntityMapping> mappings = new ArrayList<>();
        for (MappingNode entry : yaml.mappingList("entityMappings")) {
            YamlFields entity = yaml.nested(entry);
            List<EntityMapping.FieldMapping> fieldMappings = new ArrayList<>();
            for (MappingNode field : entity.mappingList("fieldMappings")) {
                YamlFields mapping = yaml.nested(field);
                fieldMappings.add(
                        new EntityMapping.FieldMapping(
                                mapping.requiredString("identifier"),
                                mapping.requiredString("columnName")));
            }
            mappings.add(new EntityMapping(entity.requiredString("entityType"), fieldMappings));
        }
        return mappings;
    }

    static String location(String name, Mark mark) {
        if (mark == null) {
            return name;
        }
        return name + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }
}
