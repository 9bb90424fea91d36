package dev.kqlhunt.tuning;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.rule.YamlFields;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a rule's {@code tuning.yaml} with the same YAML limits as {@link RuleLoader}. Errors are
 * {@link dev.kqlhunt.rule.RuleException}s that name the file, line and column.
 */
public final class TuningLoader {

    private static final Set<String> FIELDS =
            Set.of("name", "reason", "owner", "expires", "enabled", "where");

    private TuningLoader() {}

    /** Loads the {@code tuning.yaml} beside {@code ruleFile}, if there is one. */
    public static Optional<TuningFile> besideRule(Path ruleFile) {
        Path file = ruleFile.resolveSibling(TuningFile.FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(load(file)) : Optional.empty();
    }

    /** Loads and checks the structure of a tuning file; predicates are compiled later. */
    public static TuningFile load(Path file) {
        String name = file.toString();
        String text = RuleLoader.read(file, name);
        MappingNode root = RuleLoader.compose(text, name);
        YamlFields yaml = new YamlFields(name, root, RuleLoader.fields(root, name));
        for (String field : RuleLoader.fields(root, name).keySet()) {
            if (!field.equals("exclusions")) {
                throw yaml.error(root, "unknown field '" + field + "': a tuning file has only"
                        + " 'exclusions'");
            }
        }
        List<Exclusion> exclusions = new ArrayList<>();
        for (MappingNode entry : yaml.mappingList("exclusions")) {
            exclusions.add(exclusion(name, text, yaml.nested(entry), entry));
        }
        return new TuningFile(name, exclusions);
    }

    private static Exclusion exclusion(
            String file, String text, YamlFields entry, MappingNode node) {
        for (var tuple : node.getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (!FIELDS.contains(key)) {
                throw entry.error(tuple.getKeyNode(), "unknown exclusion field '" + key
                        + "', expected one of " + FIELDS);
            }
        }
        Node nameNode = entry.required("name");
        Node whereNode = entry.required("where");
        if (!(whereNode instanceof ScalarNode where)) {
            throw entry.error(whereNode, "field 'where' must be a KQL predicate");
        }
        if (where.getValue().isBlank()) {
            throw entry.error(whereNode, "field 'where' must not be empty");
        }
        Node expiresNode = entry.optional("expires");
        return new Exclusion(
                entry.requiredString("name"),
                entry.requiredString("reason"),
                entry.requiredString("owner"),
                expiresNode == null ? null : date(entry, expiresNode),
                enabled(entry),
                RuleLoader.kqlSource(file, text, where),
                at(nameNode),
                expiresNode == null ? null : at(expiresNode));
    }

    private static LocalDate date(YamlFields entry, Node node) {
        String value = entry.string(node, "expires").strip();
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw entry.error(node, "invalid expires '" + value + "': expected a date such as"
                    + " 2025-12-31");
        }
    }

    private static boolean enabled(YamlFields entry) {
        Node node = entry.optional("enabled");
        if (node == null) {
            return true;
        }
        String value = entry.string(node, "enabled");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw entry.error(node, "invalid enabled '" + value
                    + "': expected true or false");
        };
    }

    private static Exclusion.At at(Node node) {
        return new Exclusion.At(
                node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }
}
