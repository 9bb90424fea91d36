package dev.kqlhunt.rule;

import java.io.Serializable;
import java.util.List;

/** One entry of a rule's {@code entityMappings}: an entity type and its identifier columns. */
public record EntityMapping(String entityType, List<FieldMapping> fieldMappings)
        implements Serializable {

    /** Maps one identifier of the entity (for a Host: FullName, HostName, NTDomain) to a column. */
    public record FieldMapping(String identifier, String columnName) implements Serializable {}

    public EntityMapping {
        fieldMappings = List.copyOf(fieldMappings);
    }
}
