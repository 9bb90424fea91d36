package dev.kqlhunt.rule;

import dev.kqlhunt.kql.KqlSource;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * A Sentinel scheduled analytics rule as read from its YAML file.
 *
 * @param folder the rule's folder under {@code jobs/}, which also names its outputs
 * @param file the rule file as given, for messages
 * @param queryLine the 1-based line of the file where the query text starts
 * @param queryIndent the number of columns stripped from each line of the query's block
 */
public record Rule(
        String folder,
        String id,
        String name,
        String description,
        String version,
        String severity,
        List<String> tactics,
        List<String> techniques,
        String file,
        String query,
        int queryLine,
        int queryIndent,
        Schedule schedule,
        TriggerOperator triggerOperator,
        int triggerThreshold,
        List<EntityMapping> entityMappings)
        implements Serializable {

    public Rule {
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        entityMappings = List.copyOf(entityMappings);
    }

    /** Returns the query with its position in the rule file, for the KQL compiler's messages. */
    public KqlSource querySource() {
        return new KqlSource(file, query, queryLine, queryIndent);
    }

    /** Returns the rule's folder name for a rule file at {@code jobs/<folder>/rule.yaml}. */
    public static String folderOf(Path ruleFile) {
        Path parent = ruleFile.toAbsolutePath().normalize().getParent();
        return parent == null ? "rule" : parent.getFileName().toString();
    }
}
